"""to-yaml keeps the comments of the Python module, next to the same fields, and writes fmt's layout."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mcli_lint.commands import EXIT_OK
from mcli_lint.convert.equality import same
from mcli_lint.convert.python_comments import PythonComment, python_comments
from mcli_lint.convert.to_python import comments_of, to_python
from mcli_lint.convert.to_yaml import convert, from_python
from mcli_lint.format import format_text
from mcli_lint.format.tokens import comment_texts
from mcli_lint.format.verify import canonical
from mcli_lint.loader import load_text
from tests.cli_helpers import run

GOLDEN = Path(__file__).resolve().parent / "golden_convert"
MODULES = sorted(GOLDEN.glob("*.py.txt"))

COMMENTED = """from mcli import RunConfig

# Header, above the config.
config = RunConfig(
    # Who asked for this run.
    name="commented",  # keep it short
    image="bash",
    command="echo hi",
    compute={  # one node
        "gpus": 8,
        # the cluster we have quota on
        "cluster": "r1z1",
    },
    integrations=[
        {"integration_type": "pip_packages", "packages": ["numpy"]},  # the packages
    ],
)

# the end
"""


def test_comments_go_next_to_the_same_fields() -> None:
    assert convert(COMMENTED) == (
        "# Header, above the config.\n"
        "\n"
        "# Who asked for this run.\n"
        "name: commented  # keep it short\n"
        "image: bash\n"
        "command: echo hi\n"
        "compute:  # one node\n"
        "  gpus: 8\n"
        "  # the cluster we have quota on\n"
        "  cluster: r1z1\n"
        "integrations:\n"
        "- integration_type: pip_packages  # the packages\n"
        "  packages:\n"
        "  - numpy\n"
        "# the end\n"
    )


def test_python_comments_are_read_with_their_lines() -> None:
    assert python_comments("x = 1  # a\n# b\ns = '# not one'\n") == [
        PythonComment(1, "# a", False),
        PythonComment(2, "# b", True),
    ]


@pytest.mark.parametrize("module", MODULES, ids=[p.name for p in MODULES])
def test_to_yaml_output_is_formatted_and_reads_as_the_module(module: Path) -> None:
    source = module.read_text(encoding="utf-8")
    out = convert(source)
    assert format_text(out).formatted == out
    assert same(yaml.safe_load(out), from_python(source))
    assert sorted(comment_texts(out)) == sorted(c.text for c in python_comments(source))


def test_a_yaml_file_keeps_its_comments_through_python_and_back() -> None:
    original = (GOLDEN / "comments.yaml").read_text(encoding="utf-8")
    loaded = load_text(original)
    assert loaded.document is not None
    back = convert(to_python(loaded.document.data, comments_of(loaded.text)).text)
    assert sorted(comment_texts(back)) == sorted(comment_texts(original))
    assert canonical(yaml.safe_load(back)) == canonical(yaml.safe_load(original))  # key order aside


def test_the_command_writes_it(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.py").write_text(COMMENTED)
    code, out, err = run(["to-yaml", "run.py"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out == convert(COMMENTED)
    (work / "run.yaml").write_text(out)
    assert run(["fmt", "--check", "run.yaml"], capsys) == (
        EXIT_OK,
        "",
        "0 files would be reformatted, 1 file already formatted.\n",
    )
