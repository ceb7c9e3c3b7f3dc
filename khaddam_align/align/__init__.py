"""Automatic alignment of two renderings.

The pure aligner (``align_texts``) works on lists of segment texts with their
kinds and paragraph numbers; ``service`` stores its result as an Alignment
with Links. See docs/alignment.md.
"""

from khaddam_align.align.core import AlignedLink, AlignSettings, SideInput, align_texts

__all__ = ["AlignSettings", "AlignedLink", "SideInput", "align_texts"]
