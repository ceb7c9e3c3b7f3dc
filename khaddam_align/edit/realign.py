"""Compatibility: this module moved to ``khaddam_align.ops.realign``."""

from khaddam_align.ops.realign import *  # noqa: F403
