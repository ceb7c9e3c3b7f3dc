"""khaddam-align: align an Arabic original with its English renderings.

The core library and CLI. Nothing in this package imports Qt; the desktop
app lives in the separate ``ui`` package and depends on this one.
"""

def __getattr__(name: str) -> str:
    # ``khaddam_align.__version__``: the installed distribution's version (from git tags,
    # setuptools-scm), read only when asked for.
    if name == "__version__":
        from khaddam_align.version import tool_version

        return tool_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
