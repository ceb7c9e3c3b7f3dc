"""Package data: the shipped files are the repository's files, read through importlib.resources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from khaddam_align import resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", [*resources.DEMO_FILES, "README.md"])
def test_demo_files_are_the_repository_files(name: str) -> None:
    assert resources.demo_file(name).read_bytes() == (ROOT / "sources" / "demo" / name).read_bytes()


@pytest.mark.parametrize("name", resources.DEMO_REFERENCES)
def test_reference_alignments_are_the_repository_files(name: str) -> None:
    assert resources.reference_alignment(name).read_bytes() == (ROOT / "alignments" / name).read_bytes()


def test_every_template_is_readable() -> None:
    names = sorted(p.name for p in (ROOT / "khaddam_align" / "templates").iterdir() if p.is_file())
    assert names
    for name in names:
        assert resources.template_source(name) == (ROOT / "khaddam_align" / "templates" / name).read_text("utf-8")


def test_demo_paths_are_real_files_with_the_demo_names() -> None:
    with resources.demo_paths() as paths:
        assert [p.name for p in paths] == list(resources.DEMO_FILES)
        assert all(p.is_file() and p.stat().st_size > 500 for p in paths)


def test_the_installed_package_reads_its_data_from_another_folder(tmp_path: Path) -> None:
    """From any working folder (not the checkout), the installed distribution finds its data."""
    code = (
        "from khaddam_align import resources\n"
        "from khaddam_align.ingest.catalog import load_catalog\n"
        "assert load_catalog().entries\n"
        "assert resources.demo_file('demo_ar.txt').read_text('utf-8')\n"
        "assert resources.reference_alignment('demo_ar__en_a.json').read_text('utf-8')\n"
        "print(resources.catalog())\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert "catalog.toml" in out.stdout
