"""The settings record: generic, JSON-ready, complete."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from khaddam_align.align.core import AlignSettings
from khaddam_align.align.provenance import jsonable, settings_record
from khaddam_align.storage.models import LinkStatus


@dataclass(frozen=True)
class _Inner:
    priors: dict[tuple[int, int], float] = field(default_factory=lambda: {(1, 2): 1.5})
    limit: float = float("inf")


@dataclass(frozen=True)
class _Outer:
    inner: _Inner = field(default_factory=_Inner)
    shapes: tuple[tuple[int, int], ...] = ((1, 1), (2, 1))
    status: LinkStatus = LinkStatus.AUTO
    words: frozenset[str] = frozenset({"b", "a"})


def test_jsonable_handles_any_dataclass() -> None:
    assert jsonable(_Outer()) == {
        "inner": {"priors": {"1-2": 1.5}, "limit": "inf"},
        "shapes": [[1, 1], [2, 1]],
        "status": "auto",
        "words": ["a", "b"],
    }


def test_every_settings_field_is_recorded_and_the_record_is_json() -> None:
    record = settings_record(AlignSettings(refine_width=7), "lexical")
    json.dumps(record, allow_nan=False)  # strict JSON: no NaN/inf, no tuple keys
    assert record["refine_width"] == 7
    for name in AlignSettings.__dataclass_fields__:
        assert name in record
    assert record["params"]["fuzzy_weight"] > 0  # the lexical defaults
    assert record["confidence"]["skip_features"]
