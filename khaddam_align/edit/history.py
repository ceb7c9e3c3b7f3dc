"""Compatibility: this module moved to ``khaddam_align.ops.history``."""

from khaddam_align.ops.history import *  # noqa: F403
