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
