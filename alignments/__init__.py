"""Package marker: this folder is installed as ``khaddam_align._data.alignments`` (see setup.py)."""
