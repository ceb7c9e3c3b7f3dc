"""Compatibility: this module moved to ``khaddam_align.ops.links``."""

from khaddam_align.ops.links import *  # noqa: F403
