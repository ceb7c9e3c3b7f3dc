"""The files that ship inside the package: the catalog, the demo texts, the reference
alignments and the report templates. Every reader goes through this module.

The repository keeps them where people edit them (``sources/``, ``alignments/``,
``khaddam_align/templates/``); ``setup.py`` installs ``sources/`` as the package
``khaddam_align._data.sources`` and ``alignments/`` as ``khaddam_align._data.alignments``.
``importlib.resources`` then finds them the same way in a wheel, an editable install and
a checkout on ``sys.path`` — never through ``__file__``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

SOURCES = "khaddam_align._data.sources"
ALIGNMENTS = "khaddam_align._data.alignments"

# The demo: an Arabic minute and two English renderings (sources/demo/README.md).
DEMO_FILES = ("demo_ar.txt", "demo_en_a.txt", "demo_en_b.txt")
# Reference alignments of the demo's three pairs, in the order of DEMO_PAIRS.
DEMO_PAIRS = ((0, 1), (0, 2), (1, 2))
DEMO_REFERENCES = ("demo_ar__en_a.json", "demo_ar__en_b.json", "demo_en_a__en_b.json")


def catalog() -> Traversable:
    """The shipped catalog of known renderings (``sources/catalog.toml``)."""
    return files(SOURCES) / "catalog.toml"


def demo_file(name: str) -> Traversable:
    """One file of the demo (``sources/demo/NAME``)."""
    return files(SOURCES) / "demo" / name


def reference_alignment(name: str) -> Traversable:
    """A hand-made reference alignment (``alignments/NAME``)."""
    return files(ALIGNMENTS) / name


def template_source(name: str) -> str:
    """A report template's text (``khaddam_align/templates/NAME``)."""
    return (files("khaddam_align") / "templates" / name).read_text(encoding="utf-8")


@contextmanager
def demo_paths() -> Iterator[list[Path]]:
    """Real file paths of the demo's three texts for as long as the ``with`` lasts.

    Installed packages are folders, so these are the installed files themselves; from a
    zip import they are temporary copies (same bytes, same names, same sha256).
    """
    with ExitStack() as stack:
        yield [stack.enter_context(as_file(demo_file(name))) for name in DEMO_FILES]
