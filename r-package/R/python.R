# Finding skneural's Python, importing it lazily, and turning Python errors
# into R errors.
#
# Which Python reticulate uses, in order: RETICULATE_PYTHON; a virtualenv named
# by use_skneural_virtualenv() (or the option skneural.virtualenv / the
# environment variable SKNEURAL_VIRTUALENV, read when the package loads);
# otherwise reticulate's own discovery. Nothing is imported before the first
# call that needs Python.

.sk <- NULL # the Python module skneural (convert = FALSE), bound in .onLoad
.np <- NULL # numpy
.builtins <- NULL

.onLoad <- function(libname, pkgname) {
  venv <- getOption("skneural.virtualenv", Sys.getenv("SKNEURAL_VIRTUALENV", ""))
  if (nzchar(venv) && !nzchar(Sys.getenv("RETICULATE_PYTHON", ""))) {
    try(reticulate::use_virtualenv(venv, required = FALSE), silent = TRUE)
  }
  on_error <- function(e) {
    stop(.skneural_import_message(conditionMessage(e)), call. = FALSE)
  }
  .sk <<- reticulate::import("skneural", convert = FALSE,
                             delay_load = list(on_error = on_error))
  .np <<- reticulate::import("numpy", convert = FALSE, delay_load = TRUE)
  .builtins <<- reticulate::import_builtins(convert = FALSE)
}

.skneural_import_message <- function(why) {
  paste0(
    "skneural: cannot import the Python package 'skneural' (", trimws(why), ").\n",
    "Point R at a Python that has it before the first skneural call: set ",
    "RETICULATE_PYTHON=/path/to/venv/bin/python, or call ",
    "use_skneural_virtualenv(\"/path/to/venv\"). With reticulate 1.28 that ",
    "Python needs numpy < 2 and pandas < 3 (tools/r_env.sh in the skneural ",
    "sources builds such a virtualenv: .venv-r)."
  )
}

#' Use the virtualenv that holds skneural
#'
#' Must be called before anything initialises Python in this R session.
#' @param path the virtualenv's folder (the one containing bin/python).
#' @param required stop if that Python cannot be used.
use_skneural_virtualenv <- function(path = ".venv-r", required = TRUE) {
  .check_string(path, "path")
  reticulate::use_virtualenv(path.expand(path), required = required)
  invisible(path)
}

#' Use a given Python interpreter for skneural (before Python starts).
use_skneural_python <- function(python, required = TRUE) {
  .check_string(python, "python")
  reticulate::use_python(path.expand(python), required = required)
  invisible(python)
}

#' TRUE when the Python package skneural can be imported.
skneural_available <- function() {
  reticulate::py_module_available("skneural")
}

#' The Python module skneural itself (reticulate object, convert = FALSE),
#' for anything the R functions do not wrap.
skneural_py <- function() .sk

# ---------------------------------------------------------------------------
# Python errors -> R errors
# ---------------------------------------------------------------------------
.python_message <- function(e) {
  msg <- conditionMessage(e)
  msg <- sub("\\s*Run `reticulate::py_last_error\\(\\)` for details\\.?\\s*$", "", msg)
  msg <- sub("\\s*Detailed traceback:.*$", "", msg)
  trimws(msg)
}

# Evaluate `expr` (a call into Python); a Python exception becomes an R error
# of class skneural_python_error whose message is "<what>: <Python message>".
# Python warnings raised meanwhile (a ConvergenceWarning, say) become R
# warnings "<what>: <Category>: <message>".
.py_call <- function(expr, what) {
  pywarn <- reticulate::import("warnings", convert = FALSE)
  catcher <- pywarn$catch_warnings(record = TRUE)
  recorded <- catcher$`__enter__`()
  exited <- FALSE
  on.exit(if (!exited) catcher$`__exit__`(NULL, NULL, NULL), add = TRUE)
  value <- .py_call_errors(expr, what)
  catcher$`__exit__`(NULL, NULL, NULL)
  exited <- TRUE
  n <- .r(.builtins$len(recorded))
  for (i in seq_len(n) - 1L) {
    w <- recorded$`__getitem__`(i)
    warning(paste0(what, ": ", .r(w$category$`__name__`), ": ", .r(.builtins$str(w$message))),
            call. = FALSE)
  }
  value
}

.py_call_errors <- function(expr, what) {
  tryCatch(expr, error = function(e) {
    if (inherits(e, "skneural_error")) stop(e)
    msg <- .python_message(e)
    cond <- structure(
      class = c("skneural_python_error", "skneural_error", "error", "condition"),
      list(message = paste0(what, ": ", msg), call = NULL, python_message = msg)
    )
    stop(cond)
  })
}

# An R-side error with the same class family.
.stop <- function(...) {
  cond <- structure(
    class = c("skneural_error", "error", "condition"),
    list(message = paste0(...), call = NULL)
  )
  stop(cond)
}

.r <- function(x) reticulate::py_to_r(x)

.is_none <- function(x) is.null(x) || inherits(x, "python.builtin.NoneType")
