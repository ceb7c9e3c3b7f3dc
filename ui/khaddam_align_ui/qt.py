"""The one module that imports the Qt binding (qutebrowser's ``qt`` shim).

Every other module of the app imports Qt names from here, so switching or pinning
the binding (PySide6 today) is one edit, and a test checks nobody bypasses it.
"""

from __future__ import annotations

from PySide6.QtCore import *  # noqa: F403
from PySide6.QtGui import *  # type: ignore[assignment]  # noqa: F403
from PySide6.QtWidgets import *  # type: ignore[assignment]  # noqa: F403

BINDING = "PySide6"
