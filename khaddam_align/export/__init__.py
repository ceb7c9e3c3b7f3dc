"""Exports and exchange: the JSON alignment document and the writers built on it.

``document.build_document`` turns one stored alignment into a plain dict (the
versioned JSON format of docs/formats.md). Every writer (HTML, CSV/XLSX, TMX,
and the Qt PDF plugin) takes that dict, never the database, so writers stay
decoupled from storage. ``merge.import_alignment`` reads a document back.
"""
