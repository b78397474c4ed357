"""The loader reads exactly what ``yaml.safe_load`` reads, keeps positions, and survives hostile input."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from mcli_lint.diagnostics import Position
from mcli_lint.loader import Limits, LoadResult, load_path, load_text
from mcli_lint.rules import describe

TRICKY = [
    "a: 1\nb: [1, 2, {c: d}]\n",
    "x: &x {k: 1, j: 2}\ny:\n  <<: *x\n  k: 3\n",
    "x: &x {k: 1}\nz: &z {k: 2, m: 1}\ny:\n  <<: [*x, *z]\n",
    "d: 2024-01-05\nt: 2024-01-05 10:00:00\nf: 1.5\ni: 0x1F\no: 010\ns: 1:30\nb: yes\nn: ~\ne: 1e-4\n",
    "k: |\n  line one\n  line two\nf: >\n  folded\n  text\n",
    "'quoted': \"double\\ttab\"\n? complex\n: value\n",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbin: !!binary aGVsbG8=\n",
    "nested: {a: [1, [2, [3, {b: c}]]]}\n",
    "1: int key\ntrue: bool key\n",
    "empty:\nlist: []\nmap: {}\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_data_equals_safe_load(text: str) -> None:
    loaded = load_text(text)
    assert loaded.document is not None, loaded.problems
    assert loaded.document.data == yaml.safe_load(text)


def test_bom_is_accepted_and_not_counted_as_a_column() -> None:
    loaded = load_text("\ufeffname: x\ncompute: {gpus: 8}\n")
    assert loaded.document is not None
    assert loaded.document.locate(("name",), at_key=True).start == Position(1, 1)
    assert loaded.document.locate(("compute", "gpus")).start == Position(2, 17)


def test_positions_of_keys_values_and_sequence_items() -> None:
    text = "name: x\ncompute:\n  gpus: 8\nintegrations:\n  - integration_type: git_repo\n    git_repo: a/b\n"
    document = load_text(text).document
    assert document is not None
    assert document.locate(("compute", "gpus")).start == Position(3, 9)
    assert document.locate(("compute", "gpus"), at_key=True).start == Position(3, 3)
    assert document.locate(("integrations", 0)).start == Position(5, 5)
    assert document.locate(("integrations", 0, "git_repo")).start == Position(6, 15)
    # A missing field points at its parent's key; at the top level, line 1.
    assert document.locate(("compute", "nodes"), at_key=True).start == Position(2, 1)
    assert document.locate(("image",), at_key=True).start == Position(1, 1)


def test_merged_keys_point_at_their_definition() -> None:
    text = "base: &b\n  gpus: 8\ncompute:\n  <<: *b\n"
    document = load_text(text).document
    assert document is not None
    assert document.locate(("compute", "gpus")).start == Position(2, 9)


def test_crlf_and_lone_cr_read_as_newlines_like_text_mode() -> None:
    for newline in ("\r\n", "\r"):
        text = f"a: 1{newline}b: |{newline}  x{newline}  y{newline}"
        path = Path(os.environ.get("TMPDIR", "/tmp")) / "mcli-lint-newline.yaml"
        path.write_bytes(text.encode())
        loaded = load_path(str(path))
        assert loaded.document is not None
        assert loaded.document.data == {"a": 1, "b": "x\ny\n"}
        assert loaded.document.locate(("b",), at_key=True).start == Position(2, 1)


def codes(loaded: LoadResult) -> list[tuple[str, int, int]]:
    return [(describe(p).code, p.span.start.line, p.span.start.column) for p in loaded.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", [("MCL002", 2, 1)]),
        ("on: 1\nyes: 2\n", [("MCL002", 2, 1)]),
        ("1: a\ntrue: b\n", [("MCL002", 2, 1)]),
        ("m: {x: 1, x: 2}\n", [("MCL002", 1, 11)]),
        ("b: &b {k: 1}\nc:\n  <<: *b\n  k: 2\n", []),
        ("a: 1\n---\nb: 2\n", [("MCL004", 2, 1)]),
        ("", [("MCL003", 1, 1)]),
        ("# nothing\n", [("MCL003", 1, 1)]),
        ("~\n", [("MCL003", 1, 1)]),
        ("- a\n", [("MCL003", 1, 1)]),
        ("just a string\n", [("MCL003", 1, 1)]),
        ("a: !!bool maybe\n", [("MCL001", 1, 4)]),
        ("a: 2024-02-30\n", [("MCL001", 1, 4)]),
        ('a: "\\U00110000"\n', [("MCL001", 1, 7)]),
        ("a: " + "9" * 5000 + "\n", [("MCL006", 1, 4)]),
        ("a: [1, 2\n", [("MCL001", 2, 1)]),
        ("a: b\t\n", [("MCL001", 1, 5)]),
        ("a: *nowhere\n", [("MCL001", 1, 4)]),
        ("a: &x 1\nb: &x 2\n", [("MCL001", 2, 4)]),
        ("? [a]\n: b\n", [("MCL001", 1, 3)]),
        ("a: !Ref x\n", [("MCL007", 1, 4)]),
        ("a: !!python/object/apply:os.system [ls]\n", [("MCL007", 1, 4)]),
        ("a: !!python/name:os.system\n", [("MCL007", 1, 4)]),
        ("a: \x07\n", [("MCL005", 1, 4)]),
        ("a: &a [*a]\n", [("MCL006", 1, 8)]),
    ],
)
def test_problems_and_positions(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert codes(load_text(text)) == expected


def test_loader_agrees_with_safe_load_on_failure() -> None:
    """Every input the loader refuses (but for the limits) is one PyYAML's safe_load refuses too."""
    for text in ["a: [1, 2\n", "a: b\t\n", "a: !Ref x\n", "a: 1\n---\nb: 2\n", "a: !!bool maybe\n"]:
        with pytest.raises(Exception):  # noqa: B017 - any failure is what mcli would see
            yaml.safe_load(text)
        assert any(p.fatal for p in load_text(text).problems)


def test_python_tags_execute_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert codes(load_text(text))[0][0] == "MCL007"
    assert not marker.exists()


def test_limits_are_configurable() -> None:
    text = "a: [[[[1]]]]\n"
    assert codes(load_text(text, Limits(max_depth=4))) == [("MCL006", 1, 7)]
    assert load_text(text, Limits(max_depth=5)).document is not None
    assert codes(load_text("a: [1, 2, 3]\n", Limits(max_nodes=4))) == [("MCL006", 1, 8)]


def laughs(levels: int) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int) -> str:
    lines = ["m0: &m0 {a: 1, b: 2}"]
    for level in range(1, levels):
        lines.append(f"m{level}: &m{level}\n  <<: [" + ", ".join([f"*m{level - 1}"] * 10) + f"]\n  k{level}: 1")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "billion-laughs": (laughs(10), "MCL006"),
    "merge-bomb": (merge_bomb(12), "MCL006"),
    "deep-flow-sequences": ("[" * 100_000 + "]" * 100_000 + "\n", "MCL006"),
    "deep-flow-mappings": ("{a: " * 100_000 + "}" * 100_000 + "\n", "MCL006"),
    "deep-block-nesting": ("".join(" " * i + f"k{i}:\n" for i in range(200)), "MCL006"),
    "deep-block-sequences": ("".join(" " * (2 * i) + "-\n" for i in range(200)), "MCL006"),
    "wide-anchors": ("a: &a [" + ", ".join(["x"] * 5000) + "]\nb: [" + ", ".join(["*a"] * 5000) + "]\n", "MCL006"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_in_bounded_memory(name: str, tmp_path: Path) -> None:
    """Run in a child capped at 1 GiB of address space and 60 s of CPU: a blow-up fails the test."""
    text, code = HOSTILE[name]
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    program = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
        from mcli_lint.engine.lint import lint_path
        from mcli_lint.config import Config
        for d in lint_path({str(path)!r}, Config()):
            print(d.code, d.span.start.line, d.span.start.column)
        """
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.split()[0] == code, done.stdout


def test_deep_nesting_position_is_the_first_level_too_deep() -> None:
    assert codes(load_text("[" * 1000)) == [("MCL006", 1, 65)]


# -- reading files ---------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    loaded = load_path(str(tmp_path / "nope.yaml"))
    assert [(describe(p).code, describe(p).message) for p in loaded.problems] == [("MCL005", "no such file")]


def test_directory(tmp_path: Path) -> None:
    assert [(describe(p).code, describe(p).message) for p in load_path(str(tmp_path)).problems] == [
        ("MCL005", "is a directory, not a file")
    ]


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    program = (
        "from mcli_lint.loader import load_path; from mcli_lint.rules import describe;"
        f" print(describe(load_path({str(fifo)!r}).problems[0]).message)"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "not a regular file (a FIFO)"


def test_device_is_refused() -> None:
    assert [describe(p).message for p in load_path("/dev/zero").problems] == ["not a regular file (a device or socket)"]


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    loaded = load_path(str(path), Limits(max_file_size=4000))
    assert [(describe(p).code, describe(p).message) for p in loaded.problems] == [
        ("MCL005", "file is 5000 bytes, over the 4000-byte limit")
    ]


@pytest.mark.parametrize(
    ("data", "message", "position"),
    [
        ("a: 1\n".encode("utf-16"), "file is UTF-16 text; mcli reads UTF-8 only", (1, 1)),
        (b"a: 1\nb: \xff\xfe\n", "not UTF-8 text: byte 0xff cannot be decoded", (2, 4)),
        (b"a: 1\nb: x\x00y\n", "binary data: the file contains a NUL byte", (2, 5)),
        (bytes(range(256)) * 4, "binary data: the file contains a NUL byte", (1, 1)),
    ],
)
def test_not_utf8_text(tmp_path: Path, data: bytes, message: str, position: tuple[int, int]) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    [problem] = load_path(str(path)).problems
    assert describe(problem)[:2] == ("MCL005", message)
    assert (problem.span.start.line, problem.span.start.column) == position


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    tmp_path.chmod(0o755)
    # Root reads any file: check from a child that has dropped to an unprivileged user.
    # (Everything is imported first: the unprivileged user cannot read root's interpreter.)
    drop = "import os; os.setgid(65534); os.setuid(65534); " if os.geteuid() == 0 else ""
    program = (
        f"from mcli_lint.loader import load_path; from mcli_lint.rules import describe; {drop}"
        f"print(describe(load_path({str(path)!r}).problems[0]).message)"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, cwd="/")
    assert done.stdout.strip() == "permission denied", done.stderr


def test_dates_and_other_yaml11_types_survive() -> None:
    document = load_text("d: 2024-01-05\n").document
    assert document is not None
    assert document.data == {"d": datetime.date(2024, 1, 5)}


def test_reading_goes_past_a_stale_size_and_stops_past_the_limit(tmp_path: Path) -> None:
    from mcli_lint.loader.source import _read_fd

    path = tmp_path / "grown.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    with open(path, "rb") as handle:  # as if the file had grown since it was measured at 10 bytes
        assert len(_read_fd(handle.fileno(), 10, Limits())) == 5000
    with open(path, "rb") as handle:
        assert len(_read_fd(handle.fileno(), 5000, Limits(max_file_size=100))) == 101
