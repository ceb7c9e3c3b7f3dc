"""The tool's version, as written into every report and document.

It comes from git at build/install time (setuptools-scm: the last tag ``vX.Y.Z``, plus
``.devN+gHASH`` for N commits after it) and is read from the installed distribution's
metadata; see docs/architecture.md, "Versions and releases".
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "khaddam-align"


def tool_version() -> str:
    """``0.2.0``, ``0.2.1.dev3+g1a2b3c4`` …; ``unknown`` when the package is not installed."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a bare checkout on sys.path, never installed
        return "unknown"
