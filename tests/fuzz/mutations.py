"""Structure-aware mutations of run files, for the fuzz suite: seeds written the way people write runs,
then tags, anchors and aliases, merge keys, Unicode line breaks, huge scalars, deep nesting and raw
bytes put where YAML gives them meaning (a value, a key, a line start, a flow item)."""

from __future__ import annotations

from hypothesis import strategies as st

SEEDS = [
    "name: tune-llm\nimage: mosaicml/llm-foundry:2.3.0\ncompute:\n  cluster: r1z1\n  gpus: 16\n"
    "command: |\n  cd llm-foundry/scripts\n  composer train/train.py yamls/finetune.yaml\n"
    "integrations:\n  - integration_type: git_repo\n    git_repo: mosaicml/llm-foundry\n    git_branch: v0.10.0\n"
    "    pip_install: -e .[gpu]\nenv_variables:\n  WANDB_PROJECT: tuning  # where runs go\n"
    "scheduling:\n  priority: low\n  max_retries: 2\nparameters:\n  lr: 1.0e-4\n  steps: 1_000\n",
    "# an old-style run\nname: legacy\nimage: mosaicml/pytorch:latest\ngpu_num: 8\ncluster: r1z1\n"
    "command: echo hello\nenv_variables:\n  - key: DEBUG\n    value: yes\n  - key: LEVEL\n    value: 010\n",
    "base: &base\n  gpus: 8\n  cluster: r1z1\nname: merged\nimage: bash\ncommand: 'true'\n"
    "compute:\n  <<: *base\n  nodes: 2\nparameters: {a: [1, 2, {b: c}], d: 1:30, e: ~, f: 2024-01-31}\n",
    '{name: flow, image: "busybox", command: "echo hi", compute: {gpus: 0, instance: cpu}, metadata: {k: v}}\n',
]

HOSTILE_VALUES = [
    "!!int ''",
    "!!int '-'",
    "!!float '+'",
    "!!float _",
    "!!int 0b",
    "!!timestamp yesterday",
    "!!timestamp 2024-02-30",
    "!!binary not-base64!",
    "!!set [1, 2]",
    "!!omap {a: 1}",
    "!!python/object:os.system echo",
    "!custom value",
    "!!str",
    "=",
    "[=]",
    '"\\ud800"',
    '"\\U0010ffff"',
    '"\\U00110000"',
    "n\u0430me",
    "yes",
    "010",
    "1:30",
    "1e-4",
    ".nan",
    "-.inf",
    "0x" + "f" * 3600,
    "9" * 4301,
    ":".join(["1"] * 3000),
    ":".join(["59"] * 1400),
    "[" * 70 + "]" * 70,
    "{a: " * 30 + "1" + "}" * 30,
    "*nowhere",
    "'unterminated",
    '"bad \\q escape"',
    "|\n  block\n   more",
    ">-\n  folded",
    "- dash",
    "? complex",
    "{? [1]: 2}",
    "{[1]: 2}",
    "a\tb",
    "@reserved",
    "`backtick",
    "%",
    "'" + "x" * 20_000 + "'",
]

# Text a mutation may put anywhere: other line breaks, controls, a BOM, document markers, raw bytes.
SPLICES: list[bytes] = [
    "\u2028".encode(),
    "\u2029".encode(),
    "\x85".encode(),
    b"\r",
    b"\r\n",
    b"\t",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\x1b[2J",
    "\u202e".encode(),
    b"\n---\n",
    b"\n...\n",
    b"%YAML 1.1\n",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b" # comment ",
    b"\n  ",
    b":",
    b"- ",
    b"{",
    b"]",
]


@st.composite
def anchored(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """An anchor on one line's value and an alias (as a value, a key or a merge) on another."""
    if len(lines) < 2:
        return lines
    first = draw(st.integers(0, len(lines) - 2))
    second = draw(st.integers(first + 1, len(lines) - 1))
    name = draw(st.sampled_from(["a", "m", "x1"]))
    head, sep, tail = lines[first].partition(": ")
    out = list(lines)
    out[first] = f"{head}{sep}&{name} {tail}" if sep else f"&{name} {lines[first]}"
    indent = lines[second][: len(lines[second]) - len(lines[second].lstrip())]
    use = draw(
        st.sampled_from([f"{indent}k: *{name}", f"{indent}*{name} : v", f"{indent}<<: *{name}", f"{indent}- *{name}"])
    )
    out.insert(second, use)
    return out


@st.composite
def mutated_runs(draw: st.DrawFn) -> bytes:
    """A seed run with a few structure-aware mutations."""
    lines = draw(st.sampled_from(SEEDS)).split("\n")
    if not lines:
        return b""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["value", "key", "anchor", "splice", "nest", "duplicate", "delete", "indent"]))
        if not lines:
            lines = [""]
        where = draw(st.integers(0, len(lines) - 1))
        line = lines[where]
        if kind == "value":
            head, sep, _ = line.partition(": ")
            value = draw(st.sampled_from(HOSTILE_VALUES))
            lines[where] = f"{head}: {value}" if sep else f"{line} {value}"
        elif kind == "key":
            indent = line[: len(line) - len(line.lstrip())]
            key = draw(st.sampled_from(["n\u0430me", "gpus", "<<", "=", "'quoted'", "? x", "1", "null", "~", "[a]"]))
            lines.insert(where, f"{indent}{key}: {draw(st.sampled_from(HOSTILE_VALUES[:20]))}")
        elif kind == "anchor":
            lines = draw(anchored(lines))
        elif kind == "nest":
            depth = draw(st.integers(1, 80))
            lines.insert(where, "parameters:" + "\n".join("  " * (i + 1) + "k:" for i in range(depth)) + " 1")
        elif kind == "duplicate" and lines:
            lines.insert(where, line)
        elif kind == "delete" and lines:
            del lines[where]
        elif kind == "indent":
            lines[where] = " " * draw(st.integers(0, 5)) + line.lstrip()
        else:  # raw bytes at a character offset of the line (spliced into the encoded text below)
            offset = draw(st.integers(0, len(line)))
            lines[where] = line[:offset] + "\0SPLICE\0" + line[offset:]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    while b"\0SPLICE\0" in data:
        data = data.replace(b"\0SPLICE\0", draw(st.sampled_from(SPLICES)), 1)
    return data
