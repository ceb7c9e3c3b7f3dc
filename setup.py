"""Which packages the distribution holds; everything else is in pyproject.toml.

The core (``khaddam_align``) and the app (``khaddam_align_ui``, in ``ui/``) are found
automatically. The repository's data folders stay where people edit them and are
installed inside the core package (``khaddam_align/_data/...``), so a wheel carries them
and an editable install reads them in place. Read them only through
``khaddam_align/resources.py`` (importlib.resources).
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {
    "khaddam_align._data.sources": "sources",
    "khaddam_align._data.alignments": "alignments",
}

setup(
    packages=[
        *find_packages(".", include=["khaddam_align", "khaddam_align.*"]),
        *find_packages("ui", include=["khaddam_align_ui", "khaddam_align_ui.*"]),
        *DATA_PACKAGES,
    ],
    package_dir={"khaddam_align_ui": "ui/khaddam_align_ui", **DATA_PACKAGES},
)
