"""The image is not a valid Docker image reference.

## What it does
Reports an `image` that is not `[registry[:port]/]path[:tag]` or `[registry[:port]/]path@digest`:
path components of lowercase letters and digits joined by `.`, `_`, `__` or dashes; a tag of
letters, digits, `_`, `.` and `-` (not starting with `.` or `-`) of at most 128 characters; a
digest such as `sha256:` and 64 hex digits. It is at least as strict as mcli's own check, and says
what is wrong: uppercase letters in the name (with the lowercased reference), a tag that is too
long, an empty value, whitespace, or a URL scheme such as `https://`.

## Why is this bad?
mcli refuses an image it cannot parse, and the registry refuses others when the run starts
pulling it, after the run has been queued.

## Example
```yaml
name: bad-image
image: MosaicML/PyTorch:latest
command: echo hi
compute:
  gpus: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:2:8: MCL203 `image` 'MosaicML/PyTorch:latest' has uppercase letters in its repository name; image names are lowercase
  help: write `mosaicml/pytorch:latest`
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: good-image
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

## Fix
Unsafe: where the help names the reference to write (whitespace trimmed, a URL scheme dropped,
the repository name lowercased), `check --fix --unsafe-fixes` writes it in place of the value. It
is unsafe because mcli then sends another image name: the one the platform can pull.
"""

import re
from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Finding, Fix, Severity
from mcli_lint.rules._fixes import edit_fix, replace_scalar, scalar
from mcli_lint.rules._placeholders import is_placeholder
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.text import escape, show_value

MAX_TAG = 128
_DOMAIN_PART = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_DOMAIN = re.compile(rf"{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*(?::[0-9]+)?")
_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*")
_TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# Docker's digest, narrowed to what mcli's `@[\w:]+` also accepts.
_DIGEST = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_EXAMPLE = "`mosaicml/pytorch:latest`"


def _split(image: str) -> tuple[str, str | None, str | None]:
    """(name, tag, digest) of a reference; the tag follows the last ':' after the last '/'."""
    name, at, digest = image.partition("@")
    slash = name.rfind("/")
    colon = name.find(":", slash + 1)
    tag = None
    if colon >= 0:
        name, tag = name[:colon], name[colon + 1 :]
    return name, tag, digest if at else None


def _components(name: str) -> tuple[str | None, list[str]]:
    """The registry host (if any) and the path components of a name."""
    parts = name.split("/")
    first = parts[0]
    if len(parts) > 1 and ("." in first or ":" in first or first == "localhost"):
        return first, parts[1:]
    return None, parts


def problem(image: str) -> str | None:
    """Why ``image`` is not a valid reference, or None when it is."""
    name, tag, digest = _split(image)
    if "@" in (digest or ""):
        return "it has more than one '@'"
    if tag is not None and digest is not None:
        return "it has both a tag and a digest; mcli accepts only one"
    if not name:
        return "the repository path is empty"
    host, path = _components(name)
    if host is not None and not _DOMAIN.fullmatch(host):
        return f"the registry host {show_value(host)} is not a valid host name (lowercase, with an optional :port)"
    for part in path:
        if not part:
            return "it has an empty path component (a leading, trailing or doubled '/')"
        if not _COMPONENT.fullmatch(part):
            return (
                f"the path component {show_value(part)} is invalid: use lowercase letters and digits,"
                " joined by '.', '_', '__' or '-'"
            )
    if tag is not None:
        if len(tag) > MAX_TAG:
            return f"its tag is {len(tag)} characters long; tags can be at most {MAX_TAG}"
        if not _TAG.fullmatch(tag):
            return (
                f"the tag {show_value(tag)} is invalid: use letters, digits, '_', '.' and '-',"
                " not starting with '.' or '-'"
            )
    if digest is not None and not _DIGEST.fullmatch(digest):
        return f"the digest {show_value(digest)} is invalid: write it as `sha256:` followed by 64 hex digits"
    return None


def is_valid(image: str) -> bool:
    return bool(image) and not any(c.isspace() for c in image) and problem(image) is None


def _lowercased(image: str) -> str:
    name, tag, digest = _split(image)
    return name.lower() + (f":{tag}" if tag is not None else "") + (f"@{digest}" if digest is not None else "")


def check(ctx: Context) -> Iterator[Finding]:
    image = ctx.data.get("image")
    if not isinstance(image, str) or is_valid(image) or is_placeholder(image):
        return  # a placeholder is unfilled-placeholder's
    path = ("image",)
    shown = show_value(image)
    if not image:
        yield Finding(path, "`image` is empty", f"write the image to run in, e.g. {_EXAMPLE}")
        return
    if any(c.isspace() for c in image):
        stripped = image.strip()
        fix = f"write `{escape(stripped)}`" if is_valid(stripped) else "remove the whitespace"
        repair = _write(ctx, stripped) if is_valid(stripped) else None
        yield Finding(path, f"`image` {shown} contains whitespace", fix, fix=repair)
        return
    scheme = _SCHEME.match(image)
    if scheme is not None:
        rest = image[scheme.end() :].rstrip("/")
        fix = f"write `{escape(rest)}`" if is_valid(rest) else "write the registry host and path without a scheme"
        yield Finding(
            path,
            f"`image` {shown} starts with the URL scheme `{escape(scheme.group())}`; image references have none",
            fix,
            fix=_write(ctx, rest) if is_valid(rest) else None,
        )
        return
    lowered = _lowercased(image)
    if lowered != image and is_valid(lowered):
        yield Finding(
            path,
            f"`image` {shown} has uppercase letters in its repository name; image names are lowercase",
            f"write `{escape(lowered)}`",
            fix=_write(ctx, lowered),
        )
        return
    reason = problem(image) or "it is not a valid reference"
    yield Finding(
        path,
        f"`image` {shown} is not a valid image reference: {reason}",
        f"write `[registry/]path[:tag]`, e.g. {_EXAMPLE}",
    )


def _write(ctx: Context, image: str) -> Fix:
    """Write the reference mcli would accept in place of the one written."""
    written = scalar(image)
    return edit_fix(f"Write {written}", replace_scalar(ctx, ("image",), written), Applicability.UNSAFE, ("image",))


RULE = Rule("MCL203", "image-reference", Severity.ERROR, check, __doc__, fixes=Fixes("sometimes", Applicability.UNSAFE))
