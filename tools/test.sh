#!/usr/bin/env bash
# Install everything the test suite needs (idempotent) and run the whole suite:
# pytest (unit, parity, workflow tests) and the Sphinx docs build (warnings fail it).
# Used by README.md's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
$PY -m pip install --quiet --disable-pip-version-check -e ".[test,docs]"

echo "== pytest"
$PY -m pytest -q "$@"

echo "== docs (sphinx-build -W)"
SKNEURAL_EXAMPLE_OUT=$(mktemp -d) $PY -m sphinx -b html -W --keep-going -q docs docs/_build/html
echo "docs built"

echo "== R side (tools/r_env.sh: R, .venv-r with numpy<2 pandas<3 rpy2<3.6, r-package -> .r-lib)"
bash tools/r_env.sh
export RETICULATE_PYTHON=$PWD/.venv-r/bin/python R_LIBS=$PWD/.r-lib
# the main environment (numpy 2): the R tests check that reticulate 1.28 bound to it
# stops with a clear message
export SKNEURAL_NUMPY2_PYTHON=$($PY -c 'import sys; print(sys.executable)')
echo "== pytest again in .venv-r: numpy<2, pandas<3 (the main run has numpy 2, pandas 3), with"
echo "   tests/test_r.py (rpy2; missing R or rpy2 fails here); the CUDA simulator tests ran above"
SKNEURAL_REQUIRE_R=1 .venv-r/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/test_cuda.py
echo "== R testthat suite (r-package/tests/testthat)"
Rscript --vanilla -e '
res <- as.data.frame(testthat::test_dir("r-package/tests/testthat", package = "skneural",
    load_package = "installed", reporter = "summary", stop_on_failure = FALSE))
failed <- sum(res$failed) + sum(res$error)
cat(sprintf("testthat: %d passed, %d failed, %d skipped\n", sum(res$passed), failed, sum(res$skipped)))
quit(status = as.integer(failed > 0 || sum(res$skipped) > 0))'
