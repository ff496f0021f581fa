"""Every Python block of README.md runs as written (a fresh namespace each)."""

import re
import warnings
from pathlib import Path

import pytest
from sklearn.exceptions import ConvergenceWarning

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


def test_readme_has_python_blocks():
    assert len(BLOCKS) >= 2


# text a block contains -> (warning category, why the block may emit it); any
# other warning fails the block, as in tests/test_docs_blocks.py
EXPECTED_WARNINGS = {
    "from skneural import MLPClassifier          # instead of sklearn.neural_network":
        (ConvergenceWarning, "the drop-in block trains the digits for the default 200 "
                             "epochs, which end before the loss settles (as scikit-learn's "
                             "MLPClassifier does on the same lines)"),
}


def test_every_expected_warning_names_one_block():
    for text in EXPECTED_WARNINGS:
        assert sum(text in block for block in BLOCKS) == 1, text


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index):
    for text, (category, _why) in EXPECTED_WARNINGS.items():
        if text in BLOCKS[index]:
            warnings.filterwarnings("ignore", category=category)
    namespace = {}
    exec(compile(BLOCKS[index], f"README.md python block {index + 1}", "exec"), namespace)  # noqa: S102
    if "confusionMatrix" in BLOCKS[index]:
        # the RSNNS snippet's test set holds every class (unshuffled iris gave one)
        assert (namespace["iris"].targetsTest.sum(axis=0) > 0).all()
