#!/usr/bin/env bash
# Install everything the test suite needs (idempotent) and run the whole suite.
# Used by README.md's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

# Python package with its test extras.
$PY -m pip install --quiet --disable-pip-version-check -e ".[test]"

echo "== pytest"
$PY -m pytest -q "$@"
