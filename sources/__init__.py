"""Package marker: this folder is installed as ``khaddam_align._data.sources`` (see setup.py)."""
