"""The khaddam-align desktop app (PySide6). Depends on the core; never the reverse."""
