"""Strict equality of loaded data: types must match (``True`` is not ``1``, ``8`` is not ``8.0``); NaN equals NaN."""

from __future__ import annotations

import datetime
import math
from typing import Any


def same(left: Any, right: Any) -> bool:
    """Whether two values are the same data, down to each scalar's type and each mapping's key order."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        return (math.isnan(left) and math.isnan(right)) or (
            left == right and math.copysign(1, left) == math.copysign(1, right)
        )
    if isinstance(left, dict):
        pairs = list(zip(left.items(), right.items(), strict=False))
        return len(left) == len(right) and all(same(a, b) and same(x, y) for (a, x), (b, y) in pairs)
    if isinstance(left, (list, tuple)):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, datetime.datetime):
        # Aware datetimes compare by instant; the same data also has the same offset.
        return bool(left == right) and left.utcoffset() == right.utcoffset()
    return bool(left == right)
