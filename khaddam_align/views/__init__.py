"""Read models for the desktop app and other front ends (Qt-free).

Everything the app shows is read here: the grid's rows, filters and search
(``grid``), the divergence list with its sorting, filters and counts
(``divergences``), weighted word differences (``diff``), and workspace-level
reads such as works, alignments and the change marker polled for other
processes' edits (``workspace``). Writes go through the operations layer.
"""
