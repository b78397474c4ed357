"""A git_repo integration's repository is not written as owner/name.

## What it does
Reports a `git_repo` of a `git_repo` integration that is not `owner/name`: exactly one `/` with
text on both sides, no URL scheme or SSH address, no whitespace or hidden characters and no
trailing `.git`. When the owner/name form can be read from what was written
(`https://github.com/owner/name.git`, `git@github.com:owner/name.git`, `github.com/owner/name`,
`owner/name.git`), the help gives it; for a bare repository name it says an owner is needed.
With a `host` other than GitHub, nested groups are fine: `group/subgroup/repo` on a GitLab host is
what mcli sends and what the clone needs.

## Why is this bad?
The platform builds the clone address from `owner/name` (and `host`); anything else gives an
address that does not exist, and the run fails when it starts, after queueing.

## Example
```yaml
name: url-repo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: git_repo
    git_repo: https://github.com/mosaicml/composer.git
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:8:15: MCL209 `integrations[0].git_repo` 'https://github.com/mosaicml/composer.git' is a clone address, not owner/name
  help: write `git_repo: mosaicml/composer`
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: owner-name-repo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/composer
```
"""

import re
from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._placeholders import is_placeholder
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import integration_kind
from mcli_lint.text import escape, field_name, is_hidden, show_value

_EXAMPLE = "e.g. `mosaicml/composer`"
_PARTS = r"(?P<owner>[^/\s:@]+)/(?P<name>[^/\s:@]+?)(?:\.git)?/?"
# https://host/owner/name, ssh://git@host/owner/name, git@host:owner/name, host.tld/owner/name.
_FORMS = [
    re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/\s]+@)?(?P<host>[^/:\s]+)(?::[0-9]*)?/{_PARTS}"),
    re.compile(rf"[^@/\s:]+@(?P<host>[^/:\s]+):/?{_PARTS}"),
    re.compile(rf"(?P<host>[^/:\s@]+\.[^/:\s@]+)/{_PARTS}"),
    re.compile(rf"(?P<host>){_PARTS}"),
]


def is_valid(repo: str) -> bool:
    owner, slash, name = repo.partition("/")
    return (
        bool(slash and owner and name)
        and "/" not in name
        and not any(c.isspace() or c in ":@" or is_hidden(c) for c in repo)
        and not repo.endswith(".git")
    )


def derive(repo: str) -> tuple[str, str, bool] | None:
    """(owner/name, host, whether ``repo`` is a clone address) read from ``repo``, if it can be."""
    text = repo.strip()
    for position, form in enumerate(_FORMS):
        match = form.fullmatch(text)
        if match is None:
            continue
        candidate = f"{match['owner']}/{match['name']}"
        if is_valid(candidate):
            return candidate, match["host"].lower(), position < len(_FORMS) - 1
    return None


def suggestion(repo: str) -> str | None:
    derived = derive(repo)
    return derived[0] if derived is not None else None


def _finding(path: tuple[object, ...], repo: str) -> Finding:
    name = f"`{field_name(path)}`"
    shown = show_value(repo)
    derived = derive(repo)
    if derived is not None:
        owner_name, host, address = derived
        fix = f"write `git_repo: {escape(owner_name)}`"
        if host and host not in ("github.com", "www.github.com"):
            fix += f" with `host: {escape(host)}`"
        if address:
            what = "is a clone address, not owner/name"
        elif repo != repo.strip():
            what = "has whitespace around it"
        elif repo.endswith(".git"):
            what = "ends in `.git`; write owner/name without it"
        else:
            what = "is not of the form owner/name"
        return Finding(path, f"{name} {shown} {what}", fix)
    if not repo.strip():
        return Finding(path, f"{name} is empty", f"write the repository as owner/name, {_EXAMPLE}")
    bare = repo.removesuffix(".git")
    if bare and "/" not in repo and not any(c.isspace() or c in ":@" for c in repo):
        return Finding(
            path,
            f"{name} {shown} has no owner; write it as owner/name",
            f"add the user or organization that owns it: `<owner>/{escape(bare)}`, {_EXAMPLE}",
        )
    return Finding(
        path, f"{name} {shown} is not of the form owner/name", f"write the repository as owner/name, {_EXAMPLE}"
    )


_NESTED = re.compile(r"[^/\s:@]+(?:/[^/\s:@]+){2,}")


def _nested_on_own_host(repo: str, host: object) -> bool:
    """``group/subgroup/repo`` on a host other than GitHub (GitLab and others nest groups)."""
    github = host is None or (isinstance(host, str) and host.lower() in ("github.com", "www.github.com"))
    return not github and _NESTED.fullmatch(repo) is not None and not repo.endswith(".git")


def check(ctx: Context) -> Iterator[Finding]:
    integrations = ctx.data.get("integrations")
    if not isinstance(integrations, list):
        return
    for position, item in enumerate(integrations):
        if not isinstance(item, dict) or integration_kind(item) != "git_repo":
            continue
        repo = item.get("git_repo")
        if not isinstance(repo, str) or is_placeholder(repo):
            continue  # a placeholder is unfilled-placeholder's
        if not is_valid(repo) and not _nested_on_own_host(repo, item.get("host")):
            yield _finding(("integrations", position, "git_repo"), repo)


RULE = Rule("MCL209", "git-repo-format", Severity.ERROR, check, __doc__)
