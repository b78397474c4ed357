"""The resource limits applied to every input, and their defaults."""

from __future__ import annotations

from dataclasses import dataclass

# Python spells integers in decimal up to 4300 digits (sys.int_info.default_max_str_digits), and
# every message, report and output does: larger integers are refused where they are read.
MAX_INT_DIGITS = 4300
_SAFE_BITS = 14284  # an integer of at most this many bits has at most MAX_INT_DIGITS digits


def too_many_digits(value: int) -> bool:
    """Whether ``value`` has more than MAX_INT_DIGITS decimal digits (found without spelling it)."""
    return value.bit_length() > _SAFE_BITS and abs(value) >= 10**MAX_INT_DIGITS


@dataclass(frozen=True)
class Limits:
    # Largest file read, in bytes.
    max_file_size: int = 10 * 1024 * 1024
    # Deepest nesting of collections, counted after alias expansion.
    max_depth: int = 64
    # Most nodes (scalars and collections), counted after alias and merge expansion.
    max_nodes: int = 100_000
