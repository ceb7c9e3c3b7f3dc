"""Option choices the CLI shows in ``--help`` and checks while parsing arguments.

Kept here, as plain tuples, so that ``--help`` and argument errors never import the core
(SQLAlchemy, numpy, …). ``tests/cli/test_startup.py`` checks that they equal the core's.
"""

from __future__ import annotations

ALIGN_METHODS = ("auto", "lexical", "length", "semantic")  # khaddam_align.align.core.METHODS
EXPORT_FORMATS = ("json", "html", "pdf", "csv", "xlsx", "tmx")  # khaddam_align.export.service.FORMATS
DIVERGENCE_TYPES = ("speaker", "number", "entity", "meaning", "quote", "omission", "addition")  # DivergenceType
VERDICTS = ("open", "confirmed", "dismissed", "check-source")  # khaddam_align.storage.models.Verdict
MARK_TYPES = ("number", "date", "entity", "speaker", "quote", "negation", "modality", "meaning",
              "omission", "addition", "note", "other")  # khaddam_align.ops.markup.FINDING_TYPES
