"""What an unfilled template placeholder looks like: the facts the rules share."""

from __future__ import annotations

import re

# Text in angle brackets (`<fill-in-with-cluster-name>`, `<INPUT>`): never part of a real name.
_ANGLED = re.compile(r"<[^<>]*[A-Za-z][^<>]*>")
_WORDS = re.compile(r"[A-Za-z]+")
# Words that mark a placeholder wherever they stand in the value (`YOUR_CLUSTER_NAME`,
# `REPLACE_WITH_YOUR_CLUSTER`, `YOUR_GITHUB_USERNAME/examples`, `CHANGEME`).
_ANYWHERE = frozenset({"your", "replace", "changeme", "fixme", "placeholder", "tbd"})
# Words that are a placeholder only as the whole value, or in capitals (`TODO`, `FILL_ME_IN`):
# `someone/todo-app` is a real repository.
_ALONE = frozenset({"todo", "fill", "insert", "xxx", "xxxx", "change", "me", "in", "here"})


# Every placeholder holds one of these: one search rules most values out at once.
_MAYBE = re.compile(r"<|your|replace|change|fixme|placeholder|tbd|todo|fill|insert|xxx", re.IGNORECASE)


def is_placeholder(value: object) -> bool:
    """Whether a value is template text left for the user to fill in."""
    if not isinstance(value, str) or _MAYBE.search(value) is None:
        return False
    if _ANGLED.search(value):
        return True
    words = [w.lower() for w in re.findall(r"[A-Za-z]+|[0-9]+", value.replace("_", " "))]
    split = _WORDS.findall(re.sub(r"([a-z])([A-Z])", r"\1 \2", value))
    if any(w.lower() in _ANYWHERE for w in split) or any(w in _ANYWHERE for w in words):
        return True
    if words and all(w in _ALONE for w in words) and any(w in ("todo", "fill", "insert", "xxx", "xxxx") for w in words):
        return True
    return any(w.isupper() and w.lower() in ("todo", "fill", "insert") for w in split)


def placeholder_text(value: object) -> str | None:
    """The placeholder a value holds: the text itself, or the text of ``{YOUR ENTITY HERE}``, which
    YAML reads as a mapping of that one key to null."""
    if isinstance(value, str):
        return value if is_placeholder(value) else None
    if isinstance(value, dict) and len(value) == 1:
        ((key, item),) = value.items()
        if item is None and is_placeholder(key):
            return "{" + str(key) + "}"
    return None
