"""The semantic rules MCL201-MCL212: each run directly on YAML text."""

from __future__ import annotations

import importlib
import re
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcli_lint.loader import load_text
from mcli_lint.rules import RULES
from mcli_lint.rules import _run_names as run_names
from mcli_lint.rules import mcl201_run_name_invalid as m201
from mcli_lint.rules import mcl202_run_name_too_long as m202
from mcli_lint.rules import mcl203_image_reference as m203
from mcli_lint.rules import mcl204_env_name as m204
from mcli_lint.rules import mcl205_reserved_env as m205
from mcli_lint.rules import mcl206_metadata_limit as m206
from mcli_lint.rules import mcl207_compute_conflict as m207
from mcli_lint.rules import mcl208_empty_command as m208
from mcli_lint.rules import mcl209_git_repo_format as m209
from mcli_lint.rules import mcl210_unknown_priority as m210
from mcli_lint.rules import mcl211_experiment_path as m211
from mcli_lint.rules import mcl212_suspicious_character as m212
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import platform_env
from mcli_lint.text import is_hidden, yaml_quote
from tests.needs import unavailable

MODULES = [m201, m202, m203, m204, m205, m206, m207, m208, m209, m210, m211, m212]
MINE = [m.RULE for m in MODULES]
# What every case below starts from; it triggers none of the rules.
HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"
HEX64 = "0123456789abcdef" * 4


def findings(rule: Rule, text: str) -> list[tuple[int, int, str, str | None]]:
    loaded = load_text(text)
    assert loaded.document is not None, loaded.problems
    ctx = Context(loaded.document, loaded.problems)
    result = []
    for f in rule.check(ctx):
        start = loaded.document.locate(f.path, f.at_key).start
        result.append((start.line, start.column, f.message, f.help))
    return result


def where_and_what(rule: Rule, text: str) -> list[tuple[int, int, str]]:
    return [(line, column, message) for line, column, message, _ in findings(rule, text)]


def with_top(name: str = "run", image: str = "mosaicml/pytorch:latest", command: str = "echo hi") -> str:
    return f"name: {name}\nimage: {image}\ncommand: {command}\ncompute:\n  gpus: 8\n"


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    """mcli 0.8.3's string functions, from the installed test extra; under CI a missing oracle fails."""
    try:
        return importlib.import_module("mcli.utils.utils_string_functions")
    except ImportError as error:
        unavailable(f"mosaicml-cli (the oracle) is not importable: {error}")


# --- every rule: shape and docs -------------------------------------------------------------------


def _blocks(rule: Rule) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", rule.doc, re.S)


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_doc_has_the_sections(rule: Rule) -> None:
    first = rule.doc.strip().splitlines()[0]
    assert first.endswith(".") and len(first) < 100
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in rule.doc
    assert len(_blocks(rule)) == 2


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_example_triggers_the_rule(rule: Rule) -> None:
    example = _blocks(rule)[0]
    assert len(findings(rule, example)) >= 1


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_use_instead_is_clean_for_every_rule(rule: Rule) -> None:
    use_instead = _blocks(rule)[1]
    for other in {r.code: r for r in (*RULES, *MINE)}.values():
        assert findings(other, use_instead) == [], other.code


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_head_is_clean(rule: Rule) -> None:
    assert findings(rule, HEAD) == []


def test_codes_names_and_severities() -> None:
    table = [(r.code, r.name, r.severity.value) for r in MINE]
    assert table == [
        ("MCL201", "run-name-invalid", "warning"),
        ("MCL202", "run-name-too-long", "error"),
        ("MCL203", "image-reference", "error"),
        ("MCL204", "env-name", "warning"),
        ("MCL205", "reserved-env", "warning"),
        ("MCL206", "metadata-limit", "error"),
        ("MCL207", "compute-conflict", "error"),
        ("MCL208", "empty-command", "error"),
        ("MCL209", "git-repo-format", "error"),
        ("MCL210", "unknown-priority", "warning"),
        ("MCL211", "experiment-path", "warning"),
        ("MCL212", "suspicious-character", "warning"),
    ]


# --- MCL201 run-name-invalid ----------------------------------------------------------------------

RULE_TEXT = "lowercase letters, digits and '-', starting and ending with a letter or digit"


@pytest.mark.parametrize(
    ("name", "message", "help_text"),
    [
        (
            "My_Run",
            "`name` 'My_Run' is not a valid run name; mcli will submit the run as `my-run`",
            f"write `name: my-run` yourself: {RULE_TEXT}",
        ),
        ("-run", "`name` '-run' is not a valid run name; mcli will submit the run as `1-ru`", None),
        ("run-", "`name` 'run-' is not a valid run name; mcli will submit the run as `run1`", None),
        ("'my run'", "`name` 'my run' is not a valid run name; mcli will submit the run as `my-run`", None),
        ("ÄBC", "`name` 'ÄBC' is not a valid run name; mcli will submit the run as `1-b`", None),
        ('"a\\u202eb"', "`name` 'a\\u202eb' is not a valid run name; mcli will submit the run as `a-b`", None),
        ("YES_", "`name` 'YES_' is not a valid run name; mcli will submit the run as `yes1`", None),
        ('"YES"', "`name` 'YES' is not a valid run name; mcli will submit the run as `yes`", None),
    ],
)
def test_201_invalid_names(name: str, message: str, help_text: str | None) -> None:
    [(line, column, got, got_help)] = findings(m201.RULE, with_top(name=name))
    assert (line, column, got) == (1, 7, message)
    if help_text is not None:
        assert got_help == help_text


def test_201_help_quotes_a_name_yaml_would_not_read_as_text() -> None:
    [(_, _, _, help_text)] = findings(m201.RULE, with_top(name='"YES"'))
    assert help_text == f'write `name: "yes"` yourself: {RULE_TEXT}'


def test_201_empty_name() -> None:
    assert where_and_what(m201.RULE, with_top(name='""')) == [
        (1, 7, "`name` is empty; a run name needs at least one lowercase letter or digit")
    ]


@pytest.mark.parametrize("name", ["run", "a", "0", "my-run-2", "a" * 56, "a--b", "123", "X" * 57, "1.5", "null"])
def test_201_passes(name: str) -> None:
    # Valid labels pass; a name over 56 is MCL202's; a non-string name is the schema's.
    assert findings(m201.RULE, with_top(name=name)) == []


ORACLE_NAMES = [
    "My_Run",
    "-run",
    "run-",
    "-",
    "_",
    "--",
    "---a---",
    "A",
    "a_",
    "_a",
    "my run",
    "my.run",
    "İstanbul",
    "straße",
    "\u212a",
    "ÄBC",
    "emoji-😀",
    "a\u202eb",
    "\t",
    " x ",
    "UPPER",
    "mixed-Case-123",
    "1_0",
    "a" * 55 + "_",
    "_" + "b" * 55,
    "-" * 56,
    "ǅ",
    "ﬃ",
    "x/y",
    "x:y",
    "@",
    "0-",
    "-0",
    "my--run",
    "a\u0000b",
    "Ⅻ",
    "١٢٣",
    "ΣΑΣ",
    "a-b-c-",
    "trailing_",
    "dots...",
    "run#1",
]


@pytest.mark.parametrize("name", ORACLE_NAMES)
def test_201_matches_mcli(reference: ModuleType, name: str) -> None:
    assert run_names.converted(name) == reference.ensure_rfc1123_compatibility(name)
    assert run_names.is_label(name) == bool(reference.validate_rfc1123_name(name))
    assert (run_names.converted(name) if not run_names.is_label(name) else name) == reference.clean_run_name(name)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=56))
def test_201_matches_mcli_on_any_name(reference: ModuleType, name: str) -> None:
    assert run_names.converted(name) == reference.ensure_rfc1123_compatibility(name)
    assert run_names.is_label(name) == bool(reference.validate_rfc1123_name(name))


@given(st.text(max_size=56))
def test_201_converted_is_a_label_or_empty(name: str) -> None:
    new = run_names.converted(name)
    assert run_names.is_label(new) or (new == "" and name == "")
    assert re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?", new) or new == ""


# --- MCL202 run-name-too-long ---------------------------------------------------------------------


def test_202_too_long() -> None:
    [(line, column, message, help_text)] = findings(m202.RULE, with_top(name="a" * 57))
    assert (line, column, message) == (1, 7, "`name` is 57 characters long; run names can be at most 56")
    assert help_text is not None and help_text.startswith("shorten it by 1 or more")


def test_202_counts_characters_not_bytes() -> None:
    assert where_and_what(m202.RULE, with_top(name="é" * 60)) == [
        (1, 7, "`name` is 60 characters long; run names can be at most 56")
    ]


@pytest.mark.parametrize("name", ["a" * 56, "My_Run", "12345"])
def test_202_passes(name: str) -> None:
    assert findings(m202.RULE, with_top(name=name)) == []


def test_202_long_name_is_not_also_201() -> None:
    assert findings(m201.RULE, with_top(name="A_" * 30)) == []


# --- MCL203 image-reference -----------------------------------------------------------------------

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


# --- MCL204 env-name ------------------------------------------------------------------------------


def env(body: str) -> str:
    return HEAD + "env_variables:\n" + body


NAME_RULE = "use letters, digits and '_', not starting with a digit"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  MY-VAR: x\n",
            (
                7,
                3,
                "`env_variables.MY-VAR` is not a valid environment variable name: it contains '-'",
                f"{NAME_RULE}, e.g. `MY_VAR`",
            ),
        ),
        (
            "  2FAST: x\n",
            (
                7,
                3,
                "`env_variables.2FAST` is not a valid environment variable name: it starts with a digit",
                f"{NAME_RULE}, e.g. `_2FAST`",
            ),
        ),
        (
            "  my var.x: x\n",
            (
                7,
                3,
                "`env_variables.my var.x` is not a valid environment variable name: it contains ' ', '.'",
                f"{NAME_RULE}, e.g. `my_var_x`",
            ),
        ),
        (
            '  "": x\n',
            (7, 3, "`env_variables` has an empty variable name", f"{NAME_RULE}, e.g. `_`"),
        ),
        (
            '  "A\\u200bB": x\n',
            (
                7,
                3,
                "`env_variables.A\\u200bB` is not a valid environment variable name: it contains '\\u200b'",
                f"{NAME_RULE}, e.g. `A_B`",
            ),
        ),
        (
            "  1: x\n",
            (
                7,
                3,
                "`env_variables` has the key `1`, which YAML reads as an integer, not an environment variable name",
                f"{NAME_RULE}, e.g. `_1`",
            ),
        ),
        (
            "  yes: x\n",
            (
                7,
                3,
                "`env_variables` has the key `yes`, which YAML reads as a boolean, not an environment variable name",
                'quote it to keep it a name: "yes"',
            ),
        ),
        (
            "  - key: MY-VAR\n    value: x\n",
            (
                7,
                10,
                "`env_variables[0].key` 'MY-VAR' is not a valid environment variable name: it contains '-'",
                f"{NAME_RULE}, e.g. `MY_VAR`",
            ),
        ),
    ],
)
def test_204_invalid_names(body: str, expected: tuple[int, int, str, str]) -> None:
    assert findings(m204.RULE, env(body)) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "  MY_VAR: x\n  _x: y\n  a1: z\n",
        "  - key: MY_VAR\n    value: x\n",
        "  - key: 1\n    value: x\n",  # a non-string `key` is a type error, reported elsewhere
        "  - not-a-mapping\n",
        "  {}\n",
    ],
)
def test_204_passes(body: str) -> None:
    assert findings(m204.RULE, env(body)) == []


@given(st.from_regex(r"[A-Za-z_][A-Za-z0-9_]*", fullmatch=True))
def test_204_valid_names(name: str) -> None:
    assert m204.is_env_name(name)


# --- MCL205 reserved-env --------------------------------------------------------------------------


def test_205_mapping_form_points_at_the_key() -> None:
    assert findings(m205.RULE, env('  MESSAGE: hi\n  WORLD_SIZE: "8"\n')) == [
        (
            8,
            3,
            "`env_variables.WORLD_SIZE` is a variable the platform sets itself; your value will clash with it",
            "remove it, or rename it (e.g. `MY_WORLD_SIZE`) if it is a variable of your own",
        )
    ]


def test_205_list_form_points_at_the_name() -> None:
    assert where_and_what(m205.RULE, env("  - key: RUN_NAME\n    value: x\n")) == [
        (
            7,
            10,
            "`env_variables[0].key` (RUN_NAME) is a variable the platform sets itself; your value will clash with it",
        )
    ]


@pytest.mark.parametrize("name", sorted(platform_env()))
def test_205_every_platform_variable(name: str) -> None:
    assert len(findings(m205.RULE, env(f"  {name}: x\n"))) == 1


@pytest.mark.parametrize("body", ["  world_size: x\n", "  MY_WORLD_SIZE: x\n", "  1: x\n", "  - key: 3\n"])
def test_205_passes(body: str) -> None:
    assert findings(m205.RULE, env(body)) == []


# --- MCL206 metadata-limit ------------------------------------------------------------------------


def meta(body: str) -> str:
    return HEAD + "metadata:\n" + body


def test_206_too_many_keys() -> None:
    text = HEAD + "metadata: {" + ", ".join(f"k{i}: {i}" for i in range(201)) + "}\n"
    assert findings(m206.RULE, text) == [
        (
            6,
            1,
            "`metadata` has 201 keys; the platform allows at most 200",
            "group related entries under fewer keys, or keep the data in `parameters` or a file",
        )
    ]


def test_206_key_too_long() -> None:
    assert where_and_what(m206.RULE, meta(f"  short: 1\n  {'k' * 201}: 1\n")) == [
        (8, 3, "`metadata` has a key of 201 characters; keys can be at most 200")
    ]


def test_206_value_too_large() -> None:
    # 99 999 characters and two quotes: 100 001 bytes of JSON.
    assert where_and_what(m206.RULE, meta(f"  notes: {'x' * 99_999}\n")) == [
        (7, 10, "`metadata.notes` is 100001 bytes as JSON; metadata values can be at most 100000 bytes")
    ]


def test_206_value_size_is_compact_ascii_json() -> None:
    # json.dumps escapes non-ASCII: each 'é' is six bytes, `\u00e9`.
    assert where_and_what(m206.RULE, meta(f"  notes: {'é' * 16_667}\n")) == [
        (7, 10, "`metadata.notes` is 100004 bytes as JSON; metadata values can be at most 100000 bytes")
    ]
    items = ", ".join(["1234567"] * 12_500)  # 12 500 * 8 bytes less a comma, plus `{"a":[` and `]}`
    assert where_and_what(m206.RULE, meta(f"  nested: {{a: [{items}]}}\n")) == [
        (7, 11, "`metadata.nested` is 100007 bytes as JSON; metadata values can be at most 100000 bytes")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "".join(f"  k{i}: {i}\n" for i in range(200)),
        f"  {'k' * 200}: 1\n",
        f"  notes: {'x' * 99_998}\n",
        "  when: {2024-01-01: x}\n",  # a date key: JSON needs a string key, no crash
        "  1: 2\n",
    ],
)
def test_206_passes(body: str) -> None:
    assert findings(m206.RULE, meta(body)) == []


def test_206_skips_non_mappings() -> None:
    assert findings(m206.RULE, HEAD + "metadata: [1, 2]\n") == []


# --- MCL207 compute-conflict ----------------------------------------------------------------------


def run_with(compute: str, top: str = "") -> str:
    return f"name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n{top}compute:\n{compute}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            run_with("  gpus: 12\n  nodes: 8\n"),
            (
                5,
                9,
                "`compute.gpus` is 12, which is not a multiple of `compute.nodes` (8)",
                "every node gets the same number of GPUs: use a multiple of 8, e.g. 8 or 16",
            ),
        ),
        (
            run_with("  gpus: 3\n  nodes: 4\n"),
            (
                5,
                9,
                "`compute.gpus` is 3, which is not a multiple of `compute.nodes` (4)",
                "every node gets the same number of GPUs: use a multiple of 4, e.g. 4",
            ),
        ),
        (
            run_with("  gpus: 16\n  nodes: 3\n  node_names: [a, b, c]\n"),
            (
                5,
                9,
                "`compute.gpus` is 16, which is not a multiple of `compute.nodes` (3)",
                "every node gets the same number of GPUs: use a multiple of 3, e.g. 15 or 18",
            ),
        ),
        (
            run_with("  nodes: 1\n  node_names:\n    - a\n    - b\n"),
            (
                7,
                5,
                "`compute.node_names` lists 2 nodes but `compute.nodes` is 1",
                "list exactly one name per node, or set `nodes: 2`",
            ),
        ),
        (
            run_with("  nodes: 2\n  node_names: [a]\n"),
            (
                6,
                15,
                "`compute.node_names` lists 1 node but `compute.nodes` is 2",
                "list exactly one name per node, or set `nodes: 1`",
            ),
        ),
        (
            run_with("  gpus: 0\n  gpu_type: a100_80gb\n"),
            (
                6,
                13,
                "`compute.gpu_type` is 'a100_80gb' but `compute.gpus` is 0",
                "for a CPU-only run remove `gpu_type` (or write `gpu_type: none`); else set `gpus`",
            ),
        ),
        (
            run_with("  gpus: 16\n", top="gpu_num: 8\n"),
            (
                4,
                10,
                "top-level `gpu_num` is 8 but `compute.gpus` is 16",
                "remove the deprecated top-level `gpu_num` and keep the value you mean in `compute.gpus`",
            ),
        ),
        (
            run_with("  gpus: 8\n  cluster: r2\n", top="cluster: r1\n"),
            (
                4,
                10,
                "top-level `cluster` is 'r1' but `compute.cluster` is 'r2'",
                "remove the deprecated top-level `cluster` and keep the value you mean in `compute.cluster`",
            ),
        ),
        (
            run_with("  gpus: 8\n  gpu_type: a100_40gb\n", top="gpu_type: a100_80gb\n"),
            (
                4,
                11,
                "top-level `gpu_type` is 'a100_80gb' but `compute.gpu_type` is 'a100_40gb'",
                "remove the deprecated top-level `gpu_type` and keep the value you mean in `compute.gpu_type`",
            ),
        ),
        (
            run_with("  gpus: 8\n  cpus: 2\n", top="cpus: 4\n"),
            (
                4,
                7,
                "top-level `cpus` is 4 but `compute.cpus` is 2",
                "remove the deprecated top-level `cpus` and keep the value you mean in `compute.cpus`",
            ),
        ),
    ],
)
def test_207_conflicts(text: str, expected: tuple[int, int, str, str]) -> None:
    assert findings(m207.RULE, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        run_with("  gpus: 16\n  nodes: 2\n  node_names: [a, b]\n"),
        run_with("  gpus: 0\n  nodes: 3\n"),
        run_with("  gpus: 0\n  gpu_type: none\n"),
        run_with("  gpus: 0\n  gpu_type: None\n"),
        run_with("  gpus: 0\n  gpu_type: NONE\n"),
        run_with("  gpus: 8\n  gpu_type: a100_80gb\n"),
        run_with("  node_names: [a, b, c]\n"),  # no nodes: nothing to compare
        run_with("  gpus: 8\n", top="gpu_num: 8\n"),
        run_with("  gpus: 8\n  cluster: r1\n", top="cluster: r1\n"),
        run_with("  cpus: 2\n", top="gpu_num: 8\n"),  # no twin set
        # Values that failed a type or range check are the schema rules' business.
        run_with('  gpus: "12"\n  nodes: 8\n'),
        run_with("  gpus: 12\n  nodes: 0\n"),
        run_with("  gpus: -3\n  nodes: 2\n"),
        run_with("  gpus: 12.0\n  nodes: 8\n"),
        run_with("  gpus: true\n  nodes: 8\n"),
        run_with("  nodes: 2\n  node_names: a\n"),
        run_with("  gpus: 0\n  gpu_type: 3090\n"),
        run_with("  gpus: 16\n", top="gpu_num: 8.0\n"),
        run_with("  gpus: 16\n", top='gpu_num: "8"\n'),
        run_with("  gpus: -1\n", top="gpu_num: 8\n"),
        run_with("  cluster: 5\n", top="cluster: r1\n"),
        "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute: 8\ngpu_num: 8\n",
    ],
)
def test_207_passes(text: str) -> None:
    assert findings(m207.RULE, text) == []


# --- MCL208 empty-command -------------------------------------------------------------------------

EMPTY_HELP = "write the command the run executes, e.g. `command: composer train.py`"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ('""', (3, 10, "`command` is empty; the run has nothing to execute", EMPTY_HELP)),
        ("''", (3, 10, "`command` is empty; the run has nothing to execute", EMPTY_HELP)),
        ('"   "', (3, 10, "`command` holds only whitespace; the run has nothing to execute", EMPTY_HELP)),
        ('"\\t\\n \\u3000"', (3, 10, "`command` holds only whitespace; the run has nothing to execute", EMPTY_HELP)),
    ],
)
def test_208_empty(command: str, expected: tuple[int, int, str, str]) -> None:
    assert findings(m208.RULE, with_top(command=command)) == [expected]


def test_208_empty_block() -> None:
    text = "name: run\nimage: mosaicml/pytorch:latest\ncommand: |\n\ncompute:\n  gpus: 8\n"
    assert where_and_what(m208.RULE, text) == [(3, 10, "`command` is empty; the run has nothing to execute")]


@pytest.mark.parametrize("command", ["echo hi", "' x '", "|\n  composer train.py\n", "", "[a]", "0"])
def test_208_passes(command: str) -> None:
    # `command:` with nothing is null, a list or a number is a type error: the schema rules report those.
    assert findings(m208.RULE, with_top(command=command)) == []


# --- MCL209 git-repo-format -----------------------------------------------------------------------


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


# --- MCL210 unknown-priority ----------------------------------------------------------------------


def priority(value: str) -> str:
    return HEAD + f"scheduling:\n  priority: {value}\n"


@pytest.mark.parametrize(
    ("value", "help_text"),
    [
        ("Low", "did you mean `low`?"),
        ("LOWEST", "did you mean `lowest`?"),
        ("lowst", "did you mean `lowest`?"),
        ("atuo", "did you mean `auto`?"),
        ("high", "use one of auto, low, lowest"),
    ],
)
def test_210_unknown(value: str, help_text: str) -> None:
    assert findings(m210.RULE, priority(value)) == [
        (
            7,
            13,
            f"`scheduling.priority` is '{value}', which is not a known priority; the platform falls back to auto",
            help_text,
        )
    ]


def test_210_escapes() -> None:
    [(_, _, message, _)] = findings(m210.RULE, priority('"lo\\u202ew"'))
    assert "'lo\\u202ew'" in message and "\u202e" not in message


@pytest.mark.parametrize("value", ["auto", "low", "lowest", "5", "true", "[low]"])
def test_210_passes(value: str) -> None:
    assert findings(m210.RULE, priority(value)) == []


# --- MCL211 experiment-path -----------------------------------------------------------------------


def experiment(value: str) -> str:
    return HEAD + f"experiment_tracker:\n  mlflow:\n    experiment_path: {value}\n"


FIELD = "`experiment_tracker.mlflow.experiment_path`"


@pytest.mark.parametrize(
    ("value", "message", "help_text"),
    [
        (
            "my_experiment",
            f"{FIELD} 'my_experiment' is not an absolute workspace path; it must start with '/'",
            "write the full workspace path, e.g. `/Users/<you>/my_experiment` or `/Shared/my_experiment`",
        ),
        (
            "Users/me@example.com/exp",
            f"{FIELD} 'Users/me@example.com/exp' is not an absolute workspace path; it must start with '/'",
            "start it with '/': `/Users/me@example.com/exp`",
        ),
        (
            '" /Shared/exp"',
            f"{FIELD} ' /Shared/exp' is not an absolute workspace path; it must start with '/'",
            "remove the whitespace: `/Shared/exp`",
        ),
        (
            "./exp/run",
            f"{FIELD} './exp/run' is not an absolute workspace path; it must start with '/'",
            "write the full workspace path, starting with '/', e.g. `/Users/me@example.com/my_experiment`",
        ),
        (
            '""',
            f"{FIELD} is empty; it must start with '/'",
            "write the full workspace path, starting with '/', e.g. `/Users/me@example.com/my_experiment`",
        ),
    ],
)
def test_211_relative(value: str, message: str, help_text: str) -> None:
    assert findings(m211.RULE, experiment(value)) == [(8, 22, message, help_text)]


@pytest.mark.parametrize("value", ["/Users/me@example.com/my_experiment", "/Shared/x", "/", "12"])
def test_211_passes(value: str) -> None:
    assert findings(m211.RULE, experiment(value)) == []


@pytest.mark.parametrize(
    "tail",
    ["experiment_tracker: [x]\n", "experiment_tracker:\n  mlflow: x\n", "experiment_tracker:\n  wandb: {}\n"],
)
def test_211_skips_other_shapes(tail: str) -> None:
    assert findings(m211.RULE, HEAD + tail) == []


# --- MCL212 suspicious-character ------------------------------------------------------------------

HIDDEN_HELP = "delete it, or retype the text if it was pasted from elsewhere"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            'parameters:\n  lr: "1\\u200b"\n',
            (7, 7, "`parameters.lr` contains the hidden character U+200B (ZERO WIDTH SPACE): '1\\u200b'"),
        ),
        (
            'parameters:\n  "l\\u200br": 1\n',
            (
                7,
                3,
                "the key `parameters.l\\u200br` contains the hidden character U+200B (ZERO WIDTH SPACE): 'l\\u200br'",
            ),
        ),
        (
            'metadata:\n  note: "a\\x07b"\n',
            (7, 9, "`metadata.note` contains the hidden character U+0007 (control): 'a\\x07b'"),
        ),
        (
            'parameters:\n  steps:\n    - [x, "\\u202eabc"]\n',
            (
                8,
                11,
                "`parameters.steps[0][1]` contains the hidden character U+202E (RIGHT-TO-LEFT OVERRIDE): '\\u202eabc'",
            ),
        ),
        (
            'parameters:\n  s: "\\u2028\\ufeff\\u2028"\n',
            (
                7,
                6,
                "`parameters.s` contains the hidden characters U+2028 (LINE SEPARATOR),"
                " U+FEFF (ZERO WIDTH NO-BREAK SPACE): '\\u2028\\ufeff\\u2028'",
            ),
        ),
        (
            f'parameters:\n  long: "{"x" * 50}\\u200d{"y" * 50}"\n',
            (
                7,
                9,
                f"`parameters.long` contains the hidden character U+200D (ZERO WIDTH JOINER):"
                f" …'{'x' * 20}\\u200d{'y' * 39}'…",
            ),
        ),
    ],
)
def test_212_hidden(tail: str, expected: tuple[int, int, str]) -> None:
    assert where_and_what(m212.RULE, HEAD + tail) == [expected]


def test_212_help_and_plural() -> None:
    [(_, _, _, one)] = findings(m212.RULE, HEAD + 'parameters: {a: "\\u200b"}\n')
    [(_, _, _, two)] = findings(m212.RULE, HEAD + 'parameters: {a: "\\u200b\\u200c"}\n')
    assert one == HIDDEN_HELP
    assert two == "delete them, or retype the text if it was pasted from elsewhere"


def test_212_one_finding_per_key_and_value() -> None:
    text = HEAD + 'env_variables:\n  "A\\u200bB": "x\\u200by\\u200b"\ncommand2: 1\n'
    got = where_and_what(m212.RULE, text)
    assert [(line, column) for line, column, _ in got] == [(7, 3), (7, 15)]


def test_212_top_level_values() -> None:
    assert where_and_what(m212.RULE, with_top(command='"echo \\u202ehi"')) == [
        (3, 10, "`command` contains the hidden character U+202E (RIGHT-TO-LEFT OVERRIDE): 'echo \\u202ehi'")
    ]


def test_212_deep_nesting() -> None:
    depth = 60
    text = HEAD + "parameters: " + "[" * depth + '"\\u200b"' + "]" * depth + "\n"
    [(line, column, message)] = where_and_what(m212.RULE, text)
    assert (line, column) == (6, 13 + depth)
    assert message.startswith("`parameters" + "[0]" * depth + "` contains")


def test_212_aliases_reported_once() -> None:
    text = HEAD + 'parameters:\n  a: &x {k: "\\u200b"}\n  b: *x\n'
    assert len(findings(m212.RULE, text)) == 1


@pytest.mark.parametrize(
    "tail",
    [
        'parameters:\n  s: "tab\\there"\n  t: "line\\nbreak"\n',
        "parameters:\n  s: café ünïcödé 日本語 😀\n",
        'parameters:\n  1: "x"\n  2024-01-01: y\n',
        "metadata:\n  text: |\n    two\n    lines\n",
    ],
)
def test_212_passes(tail: str) -> None:
    assert findings(m212.RULE, HEAD + tail) == []


@given(st.text(max_size=20))
def test_212_flags_exactly_the_hidden_characters(value: str) -> None:
    text = HEAD + f"parameters:\n  v: {yaml_quote(value)}\n"
    loaded = load_text(text)
    if loaded.document is None:
        return
    stored = loaded.document.data["parameters"]["v"]
    flagged = bool(findings(m212.RULE, text))
    assert flagged == any(is_hidden(c) for c in stored)
