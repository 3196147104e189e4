"""Sphinx configuration for the careerladder documentation."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "careerladder"
author = "The careerladder developers"
copyright = "2026, The careerladder developers"  # noqa: A001
release = _version("careerladder")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "matplotlib.sphinxext.plot_directive",
    "presets_pages",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_generated"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

default_role = "py:obj"
nitpicky = True
# Types from other projects: no intersphinx inventories are fetched at build time.
nitpick_ignore_regex = [
    ("py:class", r"(networkx|nx|collections\.abc|typing|hypothesis|st|attrs|cattrs)\..*"),
    ("py:class", r"(Iterable|Iterator|Sequence|DrawFn|SearchStrategy)(\[.*\])?"),
    ("py:class", r"careerladder\._.*"),
    ("py:obj", r"(attrs|networkx|nx|hypothesis)\..*"),
    ("py:class", r"(RoleKey|CompetencyKey|Severity|Format|LevelStyle|os\.PathLike)"),
    ("py:class", r"(dt\.date|dt\.datetime|datetime\.date)"),
    ("py:class", r"(Axes|matplotlib\..*)"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# Doctests run from the repository root, like the test suite, so that paths
# such as examples/ladders/acme.yaml work in both.
# Docstring examples run with the public names at hand, as in the package's own module.
doctest_global_setup = f"""
import os
os.chdir({str(Path(__file__).parent.parent)!r})
import attrs
import matplotlib
matplotlib.use("Agg")
from careerladder import *
"""

# Pictures are drawn from code at build time, from the repository root.
plot_working_directory = str(Path(__file__).parent.parent)
plot_formats = [("png", 100)]
plot_html_show_formats = False
plot_html_show_source_link = False
plot_rcparams = {"savefig.bbox": "tight"}

html_theme = "furo"
html_title = "careerladder"
