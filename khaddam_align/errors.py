"""One root error type for everything the user can fix.

A ``KhaddamError`` carries a message that says what happened, where (file,
line) and what to do. The CLI prints it as one line; the app shows it in a
dialog. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations


class KhaddamError(Exception):
    """A problem the user can act on (bad input, missing record, locked file)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class SourceError(KhaddamError):
    """A source file could not be imported (unreadable, empty, wrong format)."""


class NotFound(KhaddamError):
    """A record the user named does not exist in the workspace."""


class WorkspaceError(KhaddamError):
    """The workspace cannot be opened or written (newer schema, locked, corrupt, disk)."""


class Cancelled(KhaddamError):
    """Long work was cancelled by the user; nothing was saved."""

    def __init__(self, message: str = "Cancelled; nothing was saved.") -> None:
        super().__init__(message)
