#!/usr/bin/env bash
# Install everything the test suite needs (idempotent) and run the whole suite, phase by phase:
#   1. pytest in the main environment (numpy 2, pandas 3)
#   2. the Sphinx docs build (warnings fail it)
#   3. the R side's setup (tools/r_env.sh: R, .venv-r with numpy<2 pandas<3 rpy2<3.6, r-package)
#   4. pytest again in .venv-r (numpy 1.26, pandas 2), with tests/test_r.py
#   5. the R package's testthat suite
# Every phase runs even when an earlier one failed (a phase that needs a failed one fails
# too, saying so); one summary line per phase at the end; the exit status is non-zero if
# any phase failed.  Used by README.md's test command and by .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
LOGDIR=$(mktemp -d)
SUMMARY=()
FAILED=0

# phase NAME COMMAND...: run it, tee its output to a log, record one summary line
phase() {
    local name=$1 start=$SECONDS rc last
    shift
    echo
    echo "== $name"
    "$@" 2>&1 | tee "$LOGDIR/$name.log"
    rc=${PIPESTATUS[0]}
    # the runner's own closing line (pytest's "N passed ...", testthat's), when there is one
    last=$(grep -E '[0-9]+ (passed|failed)' "$LOGDIR/$name.log" | tail -n 1 | sed -e 's/=//g' -e 's/^ *//' -e 's/ *$//')
    if [ "$rc" -eq 0 ]; then
        SUMMARY+=("PASS  $name  ($((SECONDS - start)) s)${last:+  $last}")
    else
        SUMMARY+=("FAIL  $name  (exit $rc, $((SECONDS - start)) s)${last:+  $last}")
        FAILED=$((FAILED + 1))
    fi
    return "$rc"
}

needs() {  # needs PHASE_OK MESSAGE: a phase that cannot run because an earlier one failed
    [ "$1" -eq 0 ] || { echo "not run: $2" >&2; return 1; }
}

install_main() {
    # Xvfb: tests/test_draw.py runs the drawing window on a virtual display
    if ! command -v Xvfb >/dev/null 2>&1; then
        SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            $SUDO apt-get install -y -qq --no-install-recommends xvfb >/dev/null || return 1
    fi
    $PY -m pip install --quiet --disable-pip-version-check -e ".[test,docs]" 2>&1 |
        grep -v "is ignored: it is neither a file nor a directory"
    return "${PIPESTATUS[0]}"
}

docs_build() {
    SKNEURAL_EXAMPLE_OUT=$(mktemp -d) $PY -m sphinx -b html -W --keep-going -q docs docs/_build/html &&
        echo "docs built"
}

pytest_r_env() {
    needs "$R_ENV_OK" "the R environment (phase r-env) could not be set up" || return 1
    # the main environment (numpy 2): the R tests check that reticulate 1.28 bound to it
    # stops with a clear message.  The CUDA simulator tests ran in the main environment.
    SKNEURAL_NUMPY2_PYTHON=$($PY -c 'import sys; print(sys.executable)') \
    RETICULATE_PYTHON=$PWD/.venv-r/bin/python R_LIBS=$PWD/.r-lib SKNEURAL_REQUIRE_R=1 \
        .venv-r/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/test_cuda.py
}

testthat() {
    needs "$R_ENV_OK" "the R environment (phase r-env) could not be set up" || return 1
    SKNEURAL_NUMPY2_PYTHON=$($PY -c 'import sys; print(sys.executable)') \
    RETICULATE_PYTHON=$PWD/.venv-r/bin/python R_LIBS=$PWD/.r-lib Rscript --vanilla -e '
res <- as.data.frame(testthat::test_dir("r-package/tests/testthat", package = "skneural",
    load_package = "installed", reporter = "summary", stop_on_failure = FALSE))
failed <- sum(res$failed) + sum(res$error)
cat(sprintf("testthat: %d passed, %d failed, %d skipped\n", sum(res$passed), failed, sum(res$skipped)))
quit(status = as.integer(failed > 0 || sum(res$skipped) > 0))'
}

phase install install_main
export SKNEURAL_REQUIRE_XVFB=1      # a missing Xvfb fails tests/test_draw.py
phase pytest $PY -m pytest -q "$@"
phase docs docs_build
phase r-env bash tools/r_env.sh
R_ENV_OK=$?
phase pytest-venv-r pytest_r_env
phase testthat testthat

echo
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
rm -rf "$LOGDIR"
total=${#SUMMARY[@]}
echo "phases: $((total - FAILED)) passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
