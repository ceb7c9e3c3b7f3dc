"""khaddam-align: align an Arabic original with its English renderings.

The core library and CLI. Nothing in this package imports Qt; the desktop
app lives in the separate ``ui`` package and depends on this one.
"""

__version__ = "0.1.0"
