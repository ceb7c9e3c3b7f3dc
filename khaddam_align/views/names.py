"""Detector descriptions say "A" and "B" for the two sides of an alignment; people read names.

``name_sides`` puts the renderings' names ("Daily Courier (English)") in place of the side
letters, outside quotations only (a quote is the source's own text, never rewritten).
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"(“[^”]*”|\"[^\"]*\"|«[^»]*»)")
_SIDE = re.compile(r"(?<![\w.'’-])([AB])(?![\w-])")


def name_sides(description: str, a_name: str, b_name: str) -> str:
    """``"A attributes “…” to X; B to Y"`` → ``"Daily Courier (English) attributes “…” to X; Weekly Review … to Y"``."""
    if not a_name or not b_name:
        return description
    names = {"A": a_name, "B": b_name}
    parts = _QUOTED.split(description)
    return "".join(p if k % 2 else _SIDE.sub(lambda m: names[m.group(1)], p) for k, p in enumerate(parts))
