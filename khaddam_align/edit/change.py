"""Compatibility: this module moved to ``khaddam_align.ops.change``."""

from khaddam_align.ops.change import *  # noqa: F403
