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
                             delay_load = list(on_load = .check_numpy_conversion,
                                               on_error = on_error))
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

# Run once when Python is first used: an old reticulate (1.28, Debian's)
# cannot convert numpy >= 2 arrays and fails in confusing ways later ("C stack
# usage", arrays handed back unconverted), so check a round trip now and stop
# with a message that says what to change.
.check_numpy_conversion <- function() {
  np <- reticulate::import("numpy", convert = FALSE)
  version <- reticulate::py_to_r(reticulate::py_get_attr(np, "__version__"))
  ok <- isTRUE(tryCatch({
    x <- reticulate::py_to_r(np$asarray(c(1.5, 2.5)))
    is.numeric(x) && identical(as.vector(x), c(1.5, 2.5))
  }, error = function(e) FALSE))
  if (!ok) {
    stop(paste0(
      "skneural: reticulate ", utils::packageVersion("reticulate"), " cannot convert ",
      "arrays of numpy ", version, " (the Python at ", reticulate::py_config()$python,
      "). Use a Python with numpy < 2 and pandas < 3 (tools/r_env.sh builds one: ",
      ".venv-r) via RETICULATE_PYTHON or use_skneural_virtualenv(), or a newer reticulate."
    ), call. = FALSE)
  }
  invisible(TRUE)
}

#' Choose the Python that skneural uses
#'
#' @description
#' `use_skneural_virtualenv()` points reticulate at a virtualenv that has the
#' Python package skneural installed; `use_skneural_python()` points it at a
#' given Python interpreter. Call either before anything starts Python in the
#' R session (reticulate binds one Python per session): before the first
#' skneural function that computes, and before any other reticulate use.
#'
#' @details
#' The environment variable `RETICULATE_PYTHON` takes precedence over both
#' functions. With reticulate 1.28 the chosen Python needs numpy < 2 and
#' pandas < 3; `tools/r_env.sh` in the skneural sources builds such a
#' virtualenv, `.venv-r`. Instead of calling `use_skneural_virtualenv()` in
#' every session, set the option `skneural.virtualenv` or the environment
#' variable `SKNEURAL_VIRTUALENV` to the virtualenv's folder: the package
#' reads them when it is loaded (unless `RETICULATE_PYTHON` is set).
#'
#' @param path the virtualenv's folder (the one that contains `bin/python`); a
#'   single string, `~` is expanded. Relative paths are taken from the working
#'   directory.
#' @param python the path of a Python executable, a single string; `~` is
#'   expanded.
#' @param required if `TRUE` (the default), stop when that Python cannot be
#'   used, for instance because another Python has already been started in
#'   this session; if `FALSE`, it is only a preference.
#' @return `path` (or `python`), invisibly.
#' @seealso [skneural_available()] to check that the Python package can be
#'   imported; [skneural-package] for the setup overview;
#'   [reticulate::use_virtualenv()], [reticulate::use_python()].
#' @examples
#' \dontrun{
#' library(skneural)
#' use_skneural_virtualenv("~/skneural/.venv-r")
#' # or: use_skneural_python("~/skneural/.venv-r/bin/python")
#' skneural_available()
#' }
#' @export
use_skneural_virtualenv <- function(path = ".venv-r", required = TRUE) {
  .check_string(path, "path")
  reticulate::use_virtualenv(path.expand(path), required = required)
  invisible(path)
}

#' @rdname use_skneural_virtualenv
#' @export
use_skneural_python <- function(python, required = TRUE) {
  .check_string(python, "python")
  reticulate::use_python(path.expand(python), required = required)
  invisible(python)
}

#' Is the Python package skneural available?
#'
#' Tells whether the Python package skneural can be imported from the Python
#' that reticulate uses. This starts Python (if it is not running yet) with
#' the Python chosen by `RETICULATE_PYTHON`, [use_skneural_virtualenv()] or
#' reticulate's discovery, so choose the Python first. Use it to guard code
#' that needs Python, as this package's examples do.
#'
#' @return `TRUE` or `FALSE`.
#' @seealso [use_skneural_virtualenv()], [skneural-package],
#'   [reticulate::py_module_available()].
#' @examples
#' \dontrun{
#' if (skneural_available()) {
#'   print(reticulate::py_config()$python)
#' }
#' }
#' @export
skneural_available <- function() {
  reticulate::py_module_available("skneural")
}

# For the help pages' examples, which R CMD check runs with whatever Python
# reticulate finds, in the check folder: TRUE when
# * skneural imports, and is the real package (the check folder's R package
#   folder "skneural" is imported as an empty namespace package when the Python
#   package is an editable install, whose finder comes after the path);
# * this reticulate converts that Python's numpy arrays (reticulate 1.28 hands
#   numpy >= 2 arrays back unconverted, and skneural's functions then fail).
.python_usable <- function() {
  if (!isTRUE(tryCatch(skneural_available(), error = function(e) FALSE))) return(FALSE)
  isTRUE(tryCatch({
    sk <- reticulate::import("skneural", convert = FALSE)
    np <- reticulate::import("numpy", convert = FALSE)
    x <- reticulate::py_to_r(np$asarray(c(1, 2)))
    reticulate::py_has_attr(sk, "MLPClassifier") && reticulate::py_has_attr(sk, "rsnns") &&
      is.numeric(x) && identical(as.vector(x), c(1, 2))
  }, error = function(e) FALSE))
}

#' The Python module skneural
#'
#' Gives the Python module skneural as a reticulate object, for anything the
#' R functions do not wrap (its datasets, plotting helpers, further estimator
#' options). The module is imported lazily: the first use of the returned
#' object starts Python and imports it, and stops with a setup hint when it
#' cannot be imported.
#'
#' @details
#' The module is imported with `convert = FALSE`: results stay Python objects;
#' convert them with [reticulate::py_to_r()]. Python integer parameters need
#' R integers (`5L`), not doubles; the R wrappers such as [MLPClassifier()]
#' do that conversion (and the `NA` checks) for you.
#'
#' @return The Python module `skneural` (a `python.builtin.module`).
#' @seealso [py_estimator()] for the Python object inside an R model.
#' @examplesIf skneural:::.python_usable()
#' sk <- skneural_py()
#' reticulate::py_to_r(sk$`__version__`)
#' @export
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
