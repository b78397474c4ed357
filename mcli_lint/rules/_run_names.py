"""Run-name facts shared by the rules (MCL201, MCL202): the platform's length limit and mcli
0.8.3's conversion of an invalid name."""

from __future__ import annotations

import re

# The longest name the platform accepts: a '-' and a 6-character id are appended, within 63.
MAX_NAME = 56
# The longest Kubernetes name, which mcli cuts converted names to.
_K8S_MAX = 63
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_OUTSIDE = re.compile(r"[^a-z0-9-]")


def is_label(name: str) -> bool:
    """An RFC 1123 label: lowercase letters, digits and '-', alphanumeric at both ends, 1 to 63 long."""
    return len(name) <= _K8S_MAX and _LABEL.fullmatch(name) is not None


def converted(name: str) -> str:
    """The name mcli 0.8.3 submits in place of an invalid ``name``."""
    result = _OUTSIDE.sub("-", name.lower())[:_K8S_MAX]
    if not result:
        return result
    if not result[0].isalnum():
        result = "1" + result[:-1]
    if not result[-1].isalnum():
        result = result[:-1] + "1"
    return result
