# Checking and converting R values before they cross into Python.
#
# Everything is checked in R first: reticulate would turn an integer NA into
# -2147483648 and a logical NA into TRUE without a word, and Python's integer
# parameters reject R's doubles (R's 5 is 5.0).

.check_string <- function(x, name) {
  if (!is.character(x) || length(x) != 1L || is.na(x)) {
    .stop("skneural: '", name, "' must be a single string (not NA), got ",
          .describe(x), ".")
  }
  x
}

.check_flag <- function(x, name) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    .stop("skneural: '", name, "' must be TRUE or FALSE (not NA), got ",
          .describe(x), ".")
  }
  x
}

.check_number <- function(x, name) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x)) {
    .stop("skneural: '", name, "' must be a single finite number (not NA), got ",
          .describe(x), ".")
  }
  as.double(x)
}

.check_numbers <- function(x, name) {
  if (!is.numeric(x) || anyNA(x) || any(!is.finite(x))) {
    .stop("skneural: '", name, "' must be finite numbers without NA, got ",
          .describe(x), ".")
  }
  as.double(x)
}

# R doubles that are whole numbers -> integer (R's 5 arrives in Python as 5.0).
.check_whole <- function(x, name, min = 1L, scalar = TRUE) {
  if (length(x) >= 1L && (is.numeric(x) || is.logical(x)) && anyNA(x)) {
    .stop("skneural: '", name, "' is NA; it must be ",
          if (scalar) "a whole number" else "whole numbers", ".")
  }
  if (!is.numeric(x) || (scalar && length(x) != 1L) || length(x) < 1L) {
    .stop("skneural: '", name, "' must be ", if (scalar) "a whole number" else
          "whole numbers", ", got ", .describe(x), ".")
  }
  if (anyNA(x)) {
    .stop("skneural: '", name, "' is NA; it must be ",
          if (scalar) "a whole number" else "whole numbers", ".")
  }
  if (any(!is.finite(x)) || any(x != round(x)) || any(abs(x) > .Machine$integer.max)) {
    .stop("skneural: '", name, "' must be whole numbers, got ", .describe(x), ".")
  }
  if (!is.null(min) && any(x < min)) {
    .stop("skneural: '", name, "' must be >= ", min, ", got ", .describe(x), ".")
  }
  as.integer(x)
}

.describe <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.function(x) || is.environment(x)) return(paste0("a ", class(x)[1]))
  shown <- if (length(x) > 5) paste0(paste(format(x[1:5]), collapse = ", "), ", ...") else
    paste(format(x), collapse = ", ")
  paste0(class(x)[1], " ", if (length(x) == 1) shown else paste0("c(", shown, ")"))
}

# A seed for Python from R's RNG, so that set.seed() makes runs reproducible.
.seed_from_r <- function(random_state, name = "random_state") {
  if (is.null(random_state)) {
    return(sample.int(.Machine$integer.max, 1L))
  }
  .check_whole(random_state, name, min = 0L)
}

# ---------------------------------------------------------------------------
# Data: data.frame / matrix / vector -> numeric matrix
# ---------------------------------------------------------------------------
.na_message <- function(name, where = "") {
  paste0("skneural: '", name, "' contains NA (missing values)", where,
         "; remove or impute them first (NA cannot be passed to Python safely).")
}

# Convert x to a numeric (double) matrix.
# Factor and character columns of a data.frame are one-hot encoded when
# `encoding` is TRUE (learning the levels) or a stored encoding (applying it);
# otherwise they are an error. Returns the matrix with attribute "encoding".
.as_numeric_matrix <- function(x, name, encoding = NULL, fun = "skneural") {
  if (is.null(x)) .stop("skneural: '", name, "' is NULL.")
  if (is.data.frame(x)) {
    na_cols <- names(x)[vapply(x, anyNA, logical(1))]
    if (length(na_cols)) {
      .stop(.na_message(name, paste0(" in column(s) ", paste0("'", na_cols, "'", collapse = ", "))))
    }
    stored <- if (is.list(encoding)) encoding else NULL
    learn <- isTRUE(encoding)
    if (!is.null(stored) && !identical(names(x), stored$columns)) {
      .stop("skneural: '", name, "' must have the training columns (",
            paste(stored$columns, collapse = ", "), "), got ",
            paste(names(x), collapse = ", "), ".")
    }
    pieces <- list()
    levels <- list()
    for (col in names(x)) {
      v <- x[[col]]
      if (is.factor(v) || is.character(v)) {
        if (!learn && is.null(stored)) {
          .stop("skneural: column '", col, "' of '", name, "' is a ",
                if (is.factor(v)) "factor" else "character column", "; ", fun,
                " needs numeric columns (one-hot encode it, e.g. with decodeClassLabels()).")
        }
        lev <- if (!is.null(stored)) stored$levels[[col]] else
          if (is.factor(v)) levels(v) else sort(unique(v))
        if (is.null(lev)) .stop("skneural: column '", col, "' was numeric in training.")
        unknown <- setdiff(unique(as.character(v)), lev)
        if (length(unknown)) {
          .stop("skneural: column '", col, "' of '", name, "' has level(s) not seen in ",
                "training: ", paste(unknown, collapse = ", "), ".")
        }
        codes <- match(as.character(v), lev)
        m <- matrix(0, length(v), length(lev), dimnames = list(NULL, paste0(col, ".", lev)))
        m[cbind(seq_along(codes), codes)] <- 1
        pieces[[col]] <- m
        levels[[col]] <- lev
      } else if (is.numeric(v) || is.logical(v)) {
        if (!is.null(stored) && !is.null(stored$levels[[col]])) {
          .stop("skneural: column '", col, "' of '", name, "' was a factor in training.")
        }
        m <- matrix(as.double(v), ncol = 1L, dimnames = list(NULL, col))
        pieces[[col]] <- m
      } else {
        .stop("skneural: column '", col, "' of '", name, "' has unsupported type ",
              class(v)[1], ".")
      }
    }
    out <- if (length(pieces)) do.call(cbind, unname(pieces)) else matrix(0, nrow(x), 0L)
    attr(out, "encoding") <- list(columns = names(x), levels = levels)
    return(out)
  }
  if (is.factor(x) || is.character(x)) {
    .stop("skneural: '", name, "' must be numeric, got a ",
          if (is.factor(x)) "factor" else "character vector",
          " (for class labels use decodeClassLabels()).")
  }
  if (!(is.numeric(x) || is.logical(x))) {
    .stop("skneural: '", name, "' must be a numeric matrix, data.frame or vector, got ",
          class(x)[1], ".")
  }
  if (anyNA(x)) .stop(.na_message(name))
  if (is.null(dim(x))) {
    x <- matrix(as.double(x), ncol = 1L)
  } else if (length(dim(x)) != 2L) {
    .stop("skneural: '", name, "' must have 2 dimensions, got ", length(dim(x)), ".")
  } else {
    storage.mode(x) <- "double"
  }
  attr(x, "encoding") <- NULL
  x
}

# R matrix (column-major) -> C-ordered float64 numpy array.
.to_py_matrix <- function(m) {
  attr(m, "encoding") <- NULL
  .np$ascontiguousarray(unname(m), dtype = "float64")
}

# numpy array -> plain R matrix / vector.
.from_py <- function(a) {
  out <- .r(.np$asarray(a))
  out
}
