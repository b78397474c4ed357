"""The resource limits applied to every input, and their defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    # Largest file read, in bytes.
    max_file_size: int = 10 * 1024 * 1024
    # Deepest nesting of collections, counted after alias expansion.
    max_depth: int = 64
    # Most nodes (scalars and collections), counted after alias and merge expansion.
    max_nodes: int = 100_000
