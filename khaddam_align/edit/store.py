"""Compatibility: ``store_alignment`` lives in ``khaddam_align.ops.alignments``."""

from khaddam_align.ops.alignments import store_alignment

__all__ = ["store_alignment"]
