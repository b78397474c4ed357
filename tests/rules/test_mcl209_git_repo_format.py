"""MCL209 git-repo-format: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.rules import mcl209_git_repo_format as m209
from tests.rules.helpers import HEAD, findings


def test_the_head_is_clean() -> None:
    assert findings(m209.RULE, HEAD) == []


def repo(value: str, kind: str = "git_repo") -> str:
    return HEAD + f"integrations:\n  - integration_type: {kind}\n    git_repo: {value}\n"


OWNER_HELP = "write the repository as owner/name, e.g. `mosaicml/composer`"


@pytest.mark.parametrize(
    ("value", "message", "help_text"),
    [
        (
            "https://github.com/mosaicml/composer.git",
            "'https://github.com/mosaicml/composer.git' is a clone address, not owner/name",
            "write `git_repo: mosaicml/composer`",
        ),
        (
            "https://github.com/mosaicml/composer/",
            "'https://github.com/mosaicml/composer/' is a clone address, not owner/name",
            "write `git_repo: mosaicml/composer`",
        ),
        (
            "git@github.com:mosaicml/composer.git",
            "'git@github.com:mosaicml/composer.git' is a clone address, not owner/name",
            "write `git_repo: mosaicml/composer`",
        ),
        (
            "github.com/mosaicml/composer",
            "'github.com/mosaicml/composer' is a clone address, not owner/name",
            "write `git_repo: mosaicml/composer`",
        ),
        (
            "https://gitlab.com/team/project.git",
            "'https://gitlab.com/team/project.git' is a clone address, not owner/name",
            "write `git_repo: team/project` with `host: gitlab.com`",
        ),
        (
            "mosaicml/composer.git",
            "'mosaicml/composer.git' ends in `.git`; write owner/name without it",
            "write `git_repo: mosaicml/composer`",
        ),
        (
            '" mosaicml/composer"',
            "' mosaicml/composer' has whitespace around it",
            "write `git_repo: mosaicml/composer`",
        ),
        (
            "composer",
            "'composer' has no owner; write it as owner/name",
            "add the user or organization that owns it: `<owner>/composer`, e.g. `mosaicml/composer`",
        ),
        (
            "composer.git",
            "'composer.git' has no owner; write it as owner/name",
            "add the user or organization that owns it: `<owner>/composer`, e.g. `mosaicml/composer`",
        ),
        ("a/b/c", "'a/b/c' is not of the form owner/name", OWNER_HELP),
        ("/composer", "'/composer' is not of the form owner/name", OWNER_HELP),
        ("my org/composer", "'my org/composer' is not of the form owner/name", OWNER_HELP),
        ('"mosaicml/com\\u202eposer"', "'mosaicml/com\\u202eposer' is not of the form owner/name", OWNER_HELP),
    ],
)
def test_209_invalid(value: str, message: str, help_text: str) -> None:
    assert findings(m209.RULE, repo(value)) == [(8, 15, f"`integrations[0].git_repo` {message}", help_text)]


def test_209_empty() -> None:
    assert findings(m209.RULE, repo('""')) == [(8, 15, "`integrations[0].git_repo` is empty", OWNER_HELP)]


def test_209_points_at_the_right_item() -> None:
    text = HEAD + (
        "integrations:\n"
        "  - integration_type: pip_packages\n    packages: [x]\n"
        "  - integration_type: git_repo\n    git_repo: composer\n"
    )
    assert [f[:2] for f in findings(m209.RULE, text)] == [(10, 15)]
    assert findings(m209.RULE, text)[0][2].startswith("`integrations[1].git_repo` 'composer'")


@pytest.mark.parametrize(
    "text",
    [
        repo("mosaicml/composer"),
        repo("my.org/repo-name_x"),
        repo("composer", kind="pip_packages"),
        repo("123"),  # a number: the schema rules report it
        HEAD + "integrations: {integration_type: git_repo, git_repo: x}\n",
        HEAD + "integrations:\n  - git_repo: composer\n",
    ],
)
def test_209_passes(text: str) -> None:
    assert findings(m209.RULE, text) == []


@given(st.text(alphabet="ab/.:@ -_gitshp", max_size=30))
def test_209_suggestions_are_valid(value: str) -> None:
    suggested = m209.suggestion(value)
    if suggested is not None:
        assert m209.is_valid(suggested)


_PART = r"[A-Za-z0-9][A-Za-z0-9_-]{0,10}"


@given(
    st.from_regex(rf"{_PART}/{_PART}", fullmatch=True),
    st.sampled_from(
        [
            "https://github.com/{}",
            "https://github.com/{}.git",
            "git@github.com:{}.git",
            "github.com/{}",
            "{}.git",
            "http://github.com/{}/",
            "ssh://git@github.com/{}.git",
        ]
    ),
)
def test_209_suggestions_recover_owner_name(owner_name: str, form: str) -> None:
    assert m209.is_valid(owner_name)
    assert m209.suggestion(form.format(owner_name)) == owner_name
