"""Whether a YAML file is an mcli run: a verdict, with its evidence, from the text and top-level mapping.

Repositories keep run files anywhere, under any name, beside YAML of every other kind; only the
content tells them apart. ``detect`` is a pure function, shared by ``check``, ``fmt`` and the
language server: give it the text, and the parsed top-level mapping when there is one (the parse
the caller needed anyway); without it (the file does not parse) the top-level keys are read from
the text, so a run with a syntax error is still recognised and reported.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcli_lint import schema


class Kind(enum.StrEnum):
    RUN = "run"
    DEPLOYMENT = "deployment"
    OTHER = "other"


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    # A short name for what the file is: "run", "deployment", "kubernetes", "workflow", "compose",
    # "mkdocs", "pre-commit", "helm", "training-config", "fine-tuning", "template", "not-a-mapping", "empty", "unknown".
    what: str
    # For people: "a Kubernetes manifest (apiVersion, kind)".
    reason: str

    @property
    def is_run(self) -> bool:
        return self.kind is Kind.RUN

    def note(self, verb: str = "lint") -> str:
        """One line for a report: why the file is not linted (``verb``: or formatted)."""
        if self.kind is Kind.DEPLOYMENT:
            done = {"lint": "linted", "format": "formatted"}.get(verb, verb)
            return f"not a run file: {self.reason}; deployments are not {done}"
        return f"does not look like a run file: {self.reason}; {verb} it anyway with --force-run"


# The fields that make a run: every real run file has several of them, other YAML almost never.
# Each with the types it takes (None: a placeholder left empty, as real files do).
_CORE: dict[str, tuple[type, ...]] = {
    "image": (str, type(None)),
    "command": (str, type(None)),
    "compute": (dict, type(None)),
    "integrations": (list, type(None)),
    "scheduling": (dict, type(None)),
    "gpu_num": (int, type(None)),
    "run_name": (str, type(None)),
}
_DEPLOYMENT = ("replicas", "default_model", "rate_limit", "batching")
# Fine-tuning configurations (`mcli finetune -f`, Databricks' foundation model training API).
_FINETUNE = ("train_data_path", "task_type", "training_duration", "data_prep_cluster", "custom_weights_path")
_TRAINING = (
    "model",
    "optimizer",
    "train_loader",
    "eval_loader",
    "scheduler",
    "max_duration",
    "tokenizer",
    "algorithms",
    "callbacks",
    "loggers",
    "max_seq_len",
    "global_train_batch_size",
    "device_train_microbatch_size",
    "fsdp_config",
    "precision",
)

# Patterns are compiled on first use (re caches them): a file that parses needs none of them.
# A top-level key at column 0: `key:` then a space, a comment or the end of the line.
_TOP_KEY = r"""(?m)^(["']?)([A-Za-z_][\w.-]*)\1[ \t]*:(?=[ \t\r]|$)"""
# A key of a top-level list's item: `- key:` or, below it, `  key:`.
_ITEM_KEY = r"""(?m)^(?:-|  )[ \t]*(["']?)([A-Za-z_][\w.-]*)\1[ \t]*:(?=[ \t\r]|$)"""
# A key of a top level written in flow style: `{name: x, image: y}`.
_FLOW_KEY = r"""[{,][ \t\r\n]*(["']?)([A-Za-z_][\w.-]*)\1[ \t]*:"""
# A Helm or Jinja placeholder: `{{ .Values.x }}`, `{% for %}`.
_PLACEHOLDER = r"\{\{.*?\}\}|\{%.*?%\}"
# A line that opens a block scalar (`command: |`), whose lines are text, not YAML.
_BLOCK_START = r"""[|>][-+0-9]*[ \t]*(?:#.*)?$"""


def detect(text: str, top: Mapping[Any, object] | None = None) -> Verdict:
    """What a YAML file is. ``top`` is its parsed top-level mapping, None when it did not parse
    to one (then the keys written at column 0 of ``text`` stand in for it)."""
    if ("{{" in text or "{%" in text) and _templated(text):
        return Verdict(Kind.OTHER, "template", "a template: `{{ }}` or `{% %}` placeholders (Helm, Jinja)")
    if top is None:
        values: Mapping[str, object] | None = None
        keys = _text_keys(text)
        if not keys:
            return _without_keys(text)
    else:
        # YAML 1.1 reads a workflow's `on:` key as true.
        values = {
            ("on" if key is True else str(key)): value
            for key, value in top.items()
            if isinstance(key, str) or key is True
        }
        keys = list(values)
    return _judge(keys, values)


def _templated(text: str) -> bool:
    """Whether a placeholder stands in the YAML itself, not in the text of a block scalar (a
    command may well hold `{{`)."""
    block: int | None = None  # indentation of the line that opened the block scalar being read
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block is not None:
            if not stripped.strip() or indent > block:
                continue
            block = None
        if re.search(_PLACEHOLDER, line):
            return True
        if re.search(_BLOCK_START, line.rstrip("\r")):
            block = indent
    return False


def _content(text: str) -> str:
    """The text from its first YAML node on: past comments, directives and a document start."""
    start = text.lstrip()
    while start.startswith(("#", "%", "---")):
        start = start[3:].lstrip() if start.startswith("---") else start.partition("\n")[2].lstrip()
    return start


def _text_keys(text: str) -> list[str]:
    pattern = _FLOW_KEY if _content(text).startswith("{") else _TOP_KEY
    return list(dict.fromkeys(match.group(2) for match in re.finditer(pattern, text)))


def _without_keys(text: str) -> Verdict:
    content = _content(text)
    if not content or content.startswith("..."):
        return Verdict(Kind.OTHER, "empty", "it holds no YAML data")
    if content.startswith("-"):
        # A run written as a list item is a run with a mistake (MCL003 says which); a list of
        # anything else (pre-commit hooks, Ansible plays) is not a run.
        items = list(dict.fromkeys(match.group(2) for match in re.finditer(_ITEM_KEY, text)))
        if items and _judge(items, None).is_run:
            return Verdict(Kind.RUN, "run", f"a run written as a list item ({', '.join(items[:3])})")
    shape = "a list" if content.startswith(("-", "[")) else "a single value"
    return Verdict(Kind.OTHER, "not-a-mapping", f"its top level is {shape}, not a mapping of run fields")


def _listed(keys: list[str], wanted: tuple[str, ...]) -> str:
    """The first three of ``wanted`` that are present: enough evidence for a reader."""
    return ", ".join([key for key in wanted if key in keys][:3])


def _judge(keys: list[str], values: Mapping[str, object] | None) -> Verdict:
    present = set(keys)
    if "apiVersion" in present:
        if "kind" in present:
            return Verdict(Kind.OTHER, "kubernetes", "a Kubernetes manifest (apiVersion, kind)")
        return Verdict(Kind.OTHER, "helm", "a Helm chart or Kubernetes-style file (apiVersion)")
    if "jobs" in present and "on" in present:
        return Verdict(Kind.OTHER, "workflow", "a GitHub Actions workflow (on, jobs)")
    if "runs" in present and ("inputs" in present or "description" in present):
        return Verdict(Kind.OTHER, "workflow", "a GitHub Action (runs)")
    if "repos" in present:
        return Verdict(Kind.OTHER, "pre-commit", "a pre-commit configuration (repos)")
    if "site_name" in present:
        return Verdict(Kind.OTHER, "mkdocs", "an MkDocs configuration (site_name)")
    launches = "image" in present or "command" in present
    if "services" in present and not launches:
        return Verdict(Kind.OTHER, "compose", "a Docker Compose file (services)")
    finetune = _listed(keys, _FINETUNE)
    if finetune and not launches:
        return Verdict(Kind.OTHER, "fine-tuning", f"a fine-tuning configuration ({finetune}; no image or command)")
    marks = _listed(keys, _DEPLOYMENT)
    if marks or ("model" in present and (launches or "compute" in present)):
        evidence = marks or "model"
        return Verdict(Kind.DEPLOYMENT, "deployment", f"an mcli inference deployment ({evidence})")
    training = _listed(keys, _TRAINING)
    if training and not launches:
        return Verdict(Kind.OTHER, "training-config", f"a training configuration ({training}; no image or command)")
    core = [key for key in _CORE if key in present and (values is None or isinstance(values[key], _CORE[key]))]
    fields = schema.top_level_fields()
    known = sum(1 for key in keys if key in fields)
    if len(core) >= 2 or (core and known > len(keys) - known):
        return Verdict(Kind.RUN, "run", f"a run ({', '.join(core)})")
    if "replicaCount" in present or _helm_image(values):
        return Verdict(Kind.OTHER, "helm", "Helm chart values (replicaCount, image.repository)")
    return Verdict(Kind.OTHER, "unknown", "no image, command or compute at the top level")


def _helm_image(values: Mapping[str, object] | None) -> bool:
    image = values.get("image") if values is not None else None
    return isinstance(image, dict) and "repository" in image
