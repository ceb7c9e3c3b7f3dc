"""Progress reporting and cancellation for long work.

Core functions that may run for more than a moment take an optional
``progress`` callback. It receives a fraction in [0, 1] and a short label, and
returns ``False`` to ask for cancellation; the core then raises ``Cancelled``
before writing anything. The CLI draws a bar from it, the app a QProgressDialog.
"""

from __future__ import annotations

from collections.abc import Callable

from khaddam_align.errors import Cancelled

Progress = Callable[[float, str], bool | None]


def no_progress(_fraction: float, _label: str) -> bool:
    return True


def report(progress: Progress | None, fraction: float, label: str) -> None:
    """Call ``progress`` and raise ``Cancelled`` if it asks to stop."""
    if progress is None:
        return
    if progress(min(1.0, max(0.0, fraction)), label) is False:
        raise Cancelled()


def scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback mapping [0, 1] onto [start, end] of ``progress``, for sub-steps."""
    if progress is None:
        return None
    outer = progress

    def inner(fraction: float, label: str) -> bool | None:
        return outer(start + (end - start) * fraction, label)

    return inner
