"""Reading sources into a workspace: decoding, HTML/DOCX extraction, metadata
headers, cleaning (excluded ranges, never edits), the catalog, and the import
service (``khaddam_align.ingest.service``)."""
