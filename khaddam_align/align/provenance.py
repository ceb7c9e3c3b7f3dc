"""What an alignment was computed with, stored in ``Alignment.settings`` and written into reports.

``settings_record(settings, method)`` is a JSON-ready dict:

- ``method`` and every field of the settings object (serialised generically, so
  new fields are recorded without changes here), with ``params`` replaced by the
  cost parameters actually used (the method's defaults when none were given);
- ``bead_shapes``: the link shapes the DP could use (``"1-2"`` = 1 A segment, 2 B);
- ``tuned``: the aligner's tuned module-level constants, per module;
- ``confidence``: the confidence model (version, coefficients, low-confidence threshold);
- ``package``: name and version of khaddam-align.

``max_side`` and ``semantic_model`` stay top-level keys (``realign`` reads them).
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import importlib.util
import math
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from khaddam_align.align.beads import bead_shapes
from khaddam_align.align.confidence import calibration_record
from khaddam_align.align.core import AlignSettings
from khaddam_align.align.params import CROSS, LEXICAL, CostParams

PACKAGE = "khaddam-align"


def default_params(method: str) -> CostParams:
    """The tuned costs a method uses when none are given (``align.strategy.choose``)."""
    return LEXICAL if method == "lexical" else CROSS
# Modules whose UPPER_CASE constants are the aligner's tuned parameters (those that exist).
TUNED_MODULES = ("khaddam_align.align.params", "khaddam_align.align.core")


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses as dicts of their fields, tuple keys as
    ``"1-2"``, tuples and sets as lists, enums as their value, inf/nan as strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _key(key: Any) -> str:
    if isinstance(key, tuple):
        return "-".join(str(k) for k in key)
    return str(key.value if isinstance(key, enum.Enum) else key)


def _is_setting(value: Any) -> bool:
    """A tuned parameter: a number, string, dataclass instance, or a tuple / dict of numbers."""
    if isinstance(value, (bool, int, float, str)):
        return True
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return True
    if isinstance(value, dict):
        return all(isinstance(v, (bool, int, float)) for v in value.values())
    return isinstance(value, tuple) and all(isinstance(v, (bool, int, float, str)) for v in value)


def tuned_constants() -> dict[str, dict[str, Any]]:
    """The UPPER_CASE constants of the aligner's parameter modules, per module."""
    out: dict[str, dict[str, Any]] = {}
    for name in TUNED_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        values = {
            key: jsonable(value)
            for key, value in sorted(vars(module).items())
            if key.isupper() and not key.startswith("_") and _is_setting(value)
        }
        if values:
            out[name] = values
    return out


def package_version() -> str:
    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - a bare checkout without installation
        return "unknown"


def settings_record(settings: AlignSettings, method: str) -> dict[str, Any]:
    """Everything needed to repeat an alignment run (see the module doc)."""
    record: dict[str, Any] = {"method": method}
    record.update(jsonable(settings))
    record["params"] = jsonable(settings.params or default_params(method))
    record["params_source"] = "settings" if settings.params is not None else f"defaults for {method}"
    record["bead_shapes"] = [_key(shape) for shape in bead_shapes(settings.max_side)]
    record["tuned"] = tuned_constants()
    record["confidence"] = calibration_record()
    record["package"] = {"name": PACKAGE, "version": package_version()}
    return record
