#!/usr/bin/env bash
# Set up everything the R side needs (idempotent, quiet, cache-friendly):
#   1. R, reticulate and testthat from Debian's packages (skipped when present);
#   2. the virtualenv .venv-r: skneural editable with the r and test extras, pinned to
#      numpy<2 and pandas<3 (reticulate 1.28 converts only those) and rpy2<3.6 (R 4.2);
#   3. the R package r-package/ installed into .r-lib (reinstalled when its files change).
# Then R finds skneural's Python with:
#   R_LIBS=$PWD/.r-lib RETICULATE_PYTHON=$PWD/.venv-r/bin/python Rscript --vanilla script.R
# Used by tools/test.sh; safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# 1. R ---------------------------------------------------------------------------------
if ! command -v Rscript >/dev/null 2>&1 ||
   ! Rscript --vanilla -e 'quit(status = !all(sapply(c("reticulate", "testthat"), requireNamespace, quietly = TRUE)))' >/dev/null 2>&1; then
    echo "r_env: installing R, reticulate and testthat (apt)"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends r-base-core r-cran-reticulate r-cran-testthat >/dev/null
fi

# 2. Python virtualenv ----------------------------------------------------------------
PY=${PYTHON:-python3}
VENV=$ROOT/.venv-r
STAMP=$VENV/.skneural-stamp
want=$(cat pyproject.toml tools/r_env.sh tools/r-constraints.txt | sha256sum | cut -c1-16)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    echo "r_env: building $VENV (numpy<2, pandas<3, rpy2<3.6, skneural editable)"
    # reticulate embeds Python: it needs a shared libpython.
    if [ "$($PY -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED"))')" != "1" ]; then
        echo "r_env: $PY was built without a shared libpython; reticulate cannot embed it." >&2
        exit 1
    fi
    [ -x "$VENV/bin/python" ] || $PY -m venv "$VENV"
    # rpy2's ABI mode loads libR at run time: no compiler or R headers needed.
    if ! log=$(RPY2_CFFI_MODE=ABI "$VENV/bin/python" -m pip install --quiet \
            --disable-pip-version-check -c tools/r-constraints.txt -e ".[r,test]" 2>&1); then
        echo "$log" >&2
        exit 1
    fi
    # pip's warnings about index folders this machine lacks are noise here.
    echo "$log" | grep -v "is ignored: it is neither a file nor a directory" || true
    echo "$want" > "$STAMP"
fi

# 3. The R package --------------------------------------------------------------------
RLIB=$ROOT/.r-lib
mkdir -p "$RLIB"
rwant=$(find r-package -type f ! -path '*/.Rproj.user/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ ! -d "$RLIB/skneural" ] || [ "$(cat "$RLIB/.skneural-stamp" 2>/dev/null)" != "$rwant" ]; then
    echo "r_env: R CMD INSTALL r-package -> .r-lib"
    R CMD INSTALL --no-multiarch --no-test-load --library="$RLIB" r-package >"$RLIB/install.log" 2>&1 ||
        { cat "$RLIB/install.log" >&2; exit 1; }
    echo "$rwant" > "$RLIB/.skneural-stamp"
fi
echo "r_env: ready (R_LIBS=$RLIB RETICULATE_PYTHON=$VENV/bin/python)"
