"""Writing a file all at once: the target is either the previous file or the new one, never half of it.

Every export writer opens its output with ``atomic_file(target)``. The bytes go
to a temporary file in the target's folder (same file system, so the final
``os.replace`` is atomic), which is flushed and fsynced before it replaces the
target; the folder is fsynced after. On any exception (including a full disk)
the temporary file is removed and the target is untouched.

On Linux the temporary file is created with ``O_TMPFILE``: it has no name until
the write succeeded, so a ``kill -9`` mid-write leaves nothing behind. Where that
is not available a named temporary file is used (``.NAME.PID.RANDOM.khaddam-align-tmp``);
one left by a killed process is removed by the next export into that folder
(``remove_stale``), which only deletes names of processes that are gone.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".khaddam-align-tmp"
_STALE_AGE = 24 * 3600  # a temp file this old is stale whatever its process id says
_PROC_FD = Path("/proc/self/fd")


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside ``target`` (hidden, tagged with our process id)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Delete temporary files in ``folder`` left by killed exports; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        parts = entry.name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
        try:
            pid = int(parts[-2])
            age = now - entry.lstat().st_mtime
        except (ValueError, IndexError, OSError):
            continue
        if pid == os.getpid() or (_pid_alive(pid) and age < _STALE_AGE):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a folder; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _open_unnamed(folder: Path) -> int | None:
    """An ``O_TMPFILE`` descriptor in ``folder``, or None where the OS or file system lacks it."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not _PROC_FD.is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o666)
    except OSError:
        return None


def _name_unnamed(fd: int, named: Path) -> None:
    """Link an ``O_TMPFILE`` file into the folder as ``named`` (copying it where linking fails)."""
    folder_fd = os.open(named.parent, os.O_RDONLY)
    try:
        # dst_dir_fd makes Python call linkat(AT_SYMLINK_FOLLOW), which links the file behind the fd.
        os.link(_PROC_FD / str(fd), named.name, dst_dir_fd=folder_fd)
        return
    except OSError:
        pass
    finally:
        os.close(folder_fd)
    out = os.open(named, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(_PROC_FD / str(fd), "rb") as src:
            while chunk := src.read(1 << 20):
                os.write(out, chunk)
        os.chmod(out, stat.S_IMODE(os.fstat(fd).st_mode))
        os.fsync(out)
    finally:
        os.close(out)


def _mode_of(target: Path) -> int | None:
    try:
        st = target.stat()
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def atomic_file(
    target: str | os.PathLike[str], mode: str = "w", *, encoding: str = "utf-8", newline: str | None = None
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open ``target`` for writing (``"w"`` text or ``"wb"`` bytes); it appears only when the block succeeds."""
    return _atomic(Path(target), mode, encoding=encoding, newline=newline)


@contextlib.contextmanager
def _atomic(target: Path, mode: str, *, encoding: str, newline: str | None) -> Iterator[IO[Any]]:
    folder = target.parent
    remove_stale(folder)
    previous_mode = _mode_of(target)
    fd = _open_unnamed(folder)
    named: Path | None = None
    if fd is None:
        named = temp_name(target)
        fd = os.open(named, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    raw: IO[bytes] = io.FileIO(fd, "w", closefd=True)
    # Buffered in both modes: a raw write may write only part of the bytes (a full disk, a
    # file-size limit) without raising; BufferedWriter writes everything or raises.
    buffered = io.BufferedWriter(raw)
    fh: IO[Any] = buffered if mode == "wb" else io.TextIOWrapper(buffered, encoding=encoding, newline=newline)
    committed = False
    try:
        yield fh
        fh.flush()
        os.fsync(raw.fileno())
        if previous_mode is not None:
            os.chmod(raw.fileno(), previous_mode)
        if named is None:
            named = temp_name(target)
            _name_unnamed(raw.fileno(), named)  # give the finished file a name …
        os.replace(named, target)  # … and put it in place in one step
        committed = True
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(OSError, ValueError):
            fh.close()
        if not committed and named is not None:
            with contextlib.suppress(OSError):
                named.unlink()


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """``Path.write_bytes``, atomically."""
    with atomic_file(target, "wb") as fh:
        fh.write(data)


def write_text(target: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", newline: str | None = "\n") -> None:
    """``Path.write_text``, atomically."""
    with atomic_file(target, "w", encoding=encoding, newline=newline) as fh:
        fh.write(text)
