"""MCL203 image-reference: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcli_lint.diagnostics import Applicability
from mcli_lint.rules import mcl203_image_reference as m203
from tests.rules.helpers import HEAD, findings, fixed_alone, only_finding, with_top

HEX64 = "0123456789abcdef" * 4


def test_the_head_is_clean() -> None:
    assert findings(m203.RULE, HEAD) == []


EXAMPLE_HELP = "write `[registry/]path[:tag]`, e.g. `mosaicml/pytorch:latest`"


@pytest.mark.parametrize(
    ("image", "message", "help_text"),
    [
        ('""', "`image` is empty", "write the image to run in, e.g. `mosaicml/pytorch:latest`"),
        (
            '" mosaicml/pytorch "',
            "`image` ' mosaicml/pytorch ' contains whitespace",
            "write `mosaicml/pytorch`",
        ),
        ("mosaicml/py torch", "`image` 'mosaicml/py torch' contains whitespace", "remove the whitespace"),
        (
            "https://docker.io/mosaicml/pytorch",
            "`image` 'https://docker.io/mosaicml/pytorch' starts with the URL scheme `https://`;"
            " image references have none",
            "write `docker.io/mosaicml/pytorch`",
        ),
        (
            "MosaicML/PyTorch:Latest",
            "`image` 'MosaicML/PyTorch:Latest' has uppercase letters in its repository name; image names are lowercase",
            "write `mosaicml/pytorch:Latest`",
        ),
        (
            "Registry.Example.com/team/img",
            "`image` 'Registry.Example.com/team/img' has uppercase letters in its repository name;"
            " image names are lowercase",
            "write `registry.example.com/team/img`",
        ),
        (
            "mosaicml/pytorch:" + "a" * 129,
            "`image` 'mosaicml/pytorch:" + "a" * 41 + "… is not a valid image reference:"
            " its tag is 129 characters long; tags can be at most 128",
            EXAMPLE_HELP,
        ),
        (
            "mosaicml/pytorch:-latest",
            "`image` 'mosaicml/pytorch:-latest' is not a valid image reference: the tag '-latest' is invalid:"
            " use letters, digits, '_', '.' and '-', not starting with '.' or '-'",
            EXAMPLE_HELP,
        ),
        (
            "'mosaicml/pytorch:'",
            "`image` 'mosaicml/pytorch:' is not a valid image reference: the tag '' is invalid:"
            " use letters, digits, '_', '.' and '-', not starting with '.' or '-'",
            EXAMPLE_HELP,
        ),
        (
            "mosaicml//pytorch",
            "`image` 'mosaicml//pytorch' is not a valid image reference:"
            " it has an empty path component (a leading, trailing or doubled '/')",
            EXAMPLE_HELP,
        ),
        (
            "mosaicml/pytorch-",
            "`image` 'mosaicml/pytorch-' is not a valid image reference: the path component 'pytorch-' is invalid:"
            " use lowercase letters and digits, joined by '.', '_', '__' or '-'",
            EXAMPLE_HELP,
        ),
        (
            "mosaicml/py___torch",
            "`image` 'mosaicml/py___torch' is not a valid image reference: the path component 'py___torch'"
            " is invalid: use lowercase letters and digits, joined by '.', '_', '__' or '-'",
            EXAMPLE_HELP,
        ),
        (
            "my_registry.io/img",
            "`image` 'my_registry.io/img' is not a valid image reference: the registry host 'my_registry.io'"
            " is not a valid host name (lowercase, with an optional :port)",
            EXAMPLE_HELP,
        ),
        (
            "localhost:port/img",
            "`image` 'localhost:port/img' is not a valid image reference: the registry host 'localhost:port'"
            " is not a valid host name (lowercase, with an optional :port)",
            EXAMPLE_HELP,
        ),
        (
            "mosaicml/pytorch@sha256:xyz",
            "`image` 'mosaicml/pytorch@sha256:xyz' is not a valid image reference: the digest 'sha256:xyz'"
            " is invalid: write it as `sha256:` followed by 64 hex digits",
            EXAMPLE_HELP,
        ),
        (
            f"mosaicml/pytorch:latest@sha256:{HEX64}",
            f"`image` 'mosaicml/pytorch:latest@sha256:{HEX64[:27]}… is not a valid image reference:"
            " it has both a tag and a digest; mcli accepts only one",
            EXAMPLE_HELP,
        ),
        (
            "':latest'",
            "`image` ':latest' is not a valid image reference: the repository path is empty",
            EXAMPLE_HELP,
        ),
        (
            '"mosaicml/py\\u200btorch"',
            "`image` 'mosaicml/py\\u200btorch' is not a valid image reference: the path component"
            " 'py\\u200btorch' is invalid: use lowercase letters and digits, joined by '.', '_', '__' or '-'",
            EXAMPLE_HELP,
        ),
    ],
)
def test_203_invalid_images(image: str, message: str, help_text: str) -> None:
    assert findings(m203.RULE, with_top(image=image)) == [(2, 8, message, help_text)]


VALID_IMAGES = [
    "bash",
    "mosaicml/pytorch:latest",
    "mosaicml/pytorch:2.1.0_cu121-python3.10-ubuntu20.04",
    "localhost:5000/foo/bar:v1.2",
    "localhost/foo",
    "registry.example.com/team/img@sha256:" + HEX64,
    "gcr.io/a__b/c---d:TAG_1",
    "docker.io/library/ubuntu:" + "t" * 128,
    "a.b-c.io:443/x.y_z/w",
    "123/456:_",
]


@pytest.mark.parametrize("image", VALID_IMAGES)
def test_203_passes(image: str) -> None:
    assert m203.is_valid(image)
    assert findings(m203.RULE, with_top(image=image)) == []


def test_203_skips_non_strings() -> None:
    assert findings(m203.RULE, with_top(image="3.10")) == []


@pytest.mark.parametrize(
    "image",
    [
        *VALID_IMAGES,
        "Foo/bar",
        "foo//bar",
        "/foo",
        "foo/",
        "foo:-x",
        "foo@sha256",
        "https://x/y",
        "x y",
        "",
        "my_registry.io/img",
        "a..b/c",
        "a/b:c:d",
        "a@b@c",
        "foo:" + "x" * 129,
        "-a/b",
        "a/_b",
        "UP:tag",
        "foo@sha256:" + HEX64,
        "foo:latest@sha256:" + HEX64,
        "a.b/c_d",
        "a_b.c/d",
        "x.io:80:90/y",
    ],
)
def test_203_is_at_least_as_strict_as_mcli(reference: ModuleType, image: str) -> None:
    if m203.is_valid(image):
        assert reference.validate_image(image)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="ab1A._-/:@ ", max_size=16))
def test_203_never_accepts_what_mcli_rejects(reference: ModuleType, image: str) -> None:
    if m203.is_valid(image):
        assert reference.validate_image(image)


# Docker's grammar, `[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*` components joined by `/`, then an optional
# `:tag`, built piece by piece: from_regex of the whole takes a quarter of a second per example.
_ALNUM = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_COMPONENT = st.builds(
    lambda first, rest: first + "".join(rest),
    _ALNUM,
    st.lists(st.builds(str.__add__, st.sampled_from([".", "_", "__", "-", "--", "---"]), _ALNUM), max_size=3),
)
_TAG = st.from_regex(r":[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", fullmatch=True)


@given(st.builds(str.__add__, st.lists(_COMPONENT, min_size=1, max_size=4).map("/".join), st.one_of(st.just(""), _TAG)))
def test_203_accepts_docker_references(image: str) -> None:
    first = image.split("/")[0]
    if "/" in image and ("." in first or ":" in first or first == "localhost") and "_" in first:
        return  # a first component with a dot is a registry host, and hosts have no '_'
    assert m203.is_valid(image)


# ------------------------------------------------------------------------- the fix


@pytest.mark.parametrize(
    ("written", "after"),
    [
        ('"ubuntu:latest "', "ubuntu:latest"),
        ("https://docker.io/library/ubuntu:22.04", "docker.io/library/ubuntu:22.04"),
        ("MosaicML/pytorch:latest", "mosaicml/pytorch:latest"),
        ("'Mosaicml/x:1'", "mosaicml/x:1"),
    ],
    ids=["whitespace", "scheme", "uppercase", "quoted"],
)
def test_the_fix_writes_the_reference_mcli_accepts(written: str, after: str) -> None:
    text = f"name: run\nimage: {written}  # the image\ncommand: echo hi\ncompute:\n  gpus: 8\n"
    fix = only_finding(text, "MCL203").fix
    assert fix is not None and (fix.title, fix.applicability) == (f"Write {after}", Applicability.UNSAFE)
    assert fixed_alone(text, "MCL203") == text.replace(written, after)


def test_no_fix_without_a_reference_to_write() -> None:
    text = "name: run\nimage: 'a b c'\ncommand: echo hi\ncompute:\n  gpus: 8\n"
    assert only_finding(text, "MCL203").fix is None
