"""Properties of `check --fix` over generated run files full of fixable problems, written in the
layouts people use: fixes change data only at the paths they report, and a second pass is a no-op."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.config import Config
from mcli_lint.engine.fix import fix_text
from mcli_lint.engine.lint import lint_text
from mcli_lint.format.verify import canonical

COMMENT = st.sampled_from(["", "  # why", " # note"])
VALUES = st.sampled_from(["yes", "1", "010", "1.10", "true", "off", "bar", "'quoted'", "1:30"])


@st.composite
def run_files(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from([2, 4]))
    pad = " " * indent
    parts: list[str] = [f"{draw(st.sampled_from(['name', 'run_name']))}: fix-me{draw(COMMENT)}\n"]
    parts.append("image: bash\ncommand: echo hi\n")
    for name, value in (("gpu_num", "8"), ("cluster", "r1z1"), ("gpu_type", "3090"), ("cpus", "4")):
        if draw(st.booleans()):
            parts.append(f"{name}: {value}{draw(COMMENT)}\n")
    compute = draw(st.sampled_from(["", "block", "flow", "empty", "typo"]))
    if compute == "block":
        parts.append(f"compute:\n{pad}nodes: 1\n")
    elif compute == "flow":
        parts.append("compute: {nodes: 1}\n")
    elif compute == "empty":
        parts.append("compute:\n")
    elif compute == "typo":
        parts.append(f"compute:\n{pad}gpu: 8{draw(COMMENT)}\n")
    values = draw(st.lists(VALUES, min_size=1, max_size=3))
    if draw(st.booleans()):
        dash = draw(st.sampled_from(["", pad]))
        items = "".join(f"{dash}- key: V{i}{draw(COMMENT)}\n{dash}  value: {v}\n" for i, v in enumerate(values))
        parts.append("env_variables:\n" + items)
    else:
        parts.append("env_variables:\n" + "".join(f"{pad}V{i}: {v}{draw(COMMENT)}\n" for i, v in enumerate(values)))
    if draw(st.booleans()):
        parts.append(
            f"integrations:\n{pad}- integration_type: git_repo\n{pad}  git_repo: a/b\n"
            f"{pad}  git_branch: {draw(VALUES)}{draw(COMMENT)}\n"
        )
    if draw(st.booleans()):
        parts.append(f"parameters: {{a: {draw(VALUES)}, b: [1,  2]}}  # mcli-lint: disable=MCL205\n")
    head, body = parts[:1], parts[1:]
    order = draw(st.permutations(body))
    return "".join(head + list(order))


def _top(data: Any) -> dict[Any, Any]:
    return data if isinstance(data, dict) else {}


@given(run_files(), st.booleans())
def test_fixes_change_only_what_they_report_and_settle_in_one_run(text: str, unsafe: bool) -> None:
    done = fix_text(text, Config(), unsafe=unsafe)
    # Every fix offered and allowed is made, or the outcome says why not.
    left = [d for d in lint_text(done.text or text) if d.fix and d.fix.available and (unsafe or d.fix.safe)]
    assert not left or done.message is not None, (text, done, left)
    if done.text is None:
        return
    before, after = _top(yaml.safe_load(text)), _top(yaml.safe_load(done.text))
    touched = {label.split(" ", 1)[1].split("/")[1] for label in done.fixed if "/" in label}
    if any(label.startswith("MCL106 /") and label != "MCL106 /env_variables" for label in done.fixed):
        touched.add("compute")  # the moves' destination
    if "MCL102 /run_name" in done.fixed:
        touched.add("name")
    for key in (before.keys() | after.keys()) - touched:
        assert canonical(before.get(key)) == canonical(after.get(key)), (key, text, done.text)
    again = fix_text(done.text, Config(), unsafe=unsafe)
    assert (again.text, again.fixed) == (None, ()), (text, done.text, again)
    if not unsafe:
        assert all(label.startswith(("MCL106 /env_variables", "MCL401")) for label in done.fixed), done.fixed
