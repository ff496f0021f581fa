"""Sphinx configuration for skneural.

Build (from the repository root)::

    pip install -e ".[docs]"
    sphinx-build -b html -W --keep-going docs docs/_build/html
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Examples save their PNG figures here rather than in examples/.
os.environ.setdefault("SKNEURAL_EXAMPLE_OUT", str(ROOT / "docs" / "_build" / "example_output"))
os.environ.setdefault("MPLBACKEND", "Agg")

import skneural  # noqa: E402

project = "skneural"
author = "skneural developers"
copyright = "skneural developers"
release = skneural.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

# Links to numpy/sklearn/pandas docs need network access to fetch the
# inventories; a failed fetch is a warning, which -W turns into an error.
# So they are opt-in: SKNEURAL_DOCS_INTERSPHINX=1 sphinx-build ...
if os.environ.get("SKNEURAL_DOCS_INTERSPHINX") == "1":
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "sklearn": ("https://scikit-learn.org/stable", None),
        "pandas": ("https://pandas.pydata.org/docs", None),
        "matplotlib": ("https://matplotlib.org/stable", None),
    }

templates_path = ["_templates"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

autosummary_generate = True
autodoc_default_options = {"members": True}
autodoc_typehints = "none"

# numpydoc: autosummary templates list the members; numpydoc must not
# add a second (duplicate) member table.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = False

sphinx_gallery_conf = {
    "examples_dirs": ["../examples"],
    "gallery_dirs": ["auto_examples"],
    # Only plot_*.py are executed; other scripts are shown, not run.
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py|/_",
    "doc_module": ("skneural",),
    "backreferences_dir": "gen_modules/backreferences",
    "reference_url": {"skneural": None},
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
}



def _skip_metadata_request_methods(app, what, name, obj, skip, options):
    # scikit-learn generates set_{fit,score,...}_request methods on every
    # estimator; their docstrings cite sklearn's glossary, which is not here.
    if name.startswith("set_") and name.endswith("_request"):
        return True
    return None


def setup(app):
    app.connect("autodoc-skip-member", _skip_metadata_request_methods)


html_theme = "pydata_sphinx_theme"
html_title = f"skneural {release}"
html_static_path = ["_static"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
