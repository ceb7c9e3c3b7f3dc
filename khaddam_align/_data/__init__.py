"""Data shipped inside the package, read through ``khaddam_align.resources``.

Its subpackages are the repository's own data folders, mapped by ``setup.py``:
``khaddam_align._data.sources`` is ``sources/`` and ``khaddam_align._data.alignments``
is ``alignments/``. A wheel carries copies; an editable install reads them in place.
"""
