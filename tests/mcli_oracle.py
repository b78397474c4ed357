"""mosaicml-cli 0.8.3's own `mcli run -f` path, up to the network call, as a test oracle.

The file goes through ``RunConfig.from_file``, ``FinalRunConfig.finalize_config``,
``to_create_run_api_input`` and mcli's GraphQL request builder (``_run_graphql_request``, where
the request is JSON-encoded); only ``requests.request`` is replaced, to capture the body instead
of sending it. The verdict says what the platform would receive:

- ``refused``: mcli stops with its own validation error (or the file is not a YAML mapping);
- ``crashed``: mcli stops with an unexpected exception (TypeError, AttributeError, ...), or the
  body is not JSON (``NaN``/``Infinity``, which Python's encoder writes and JSON does not have);
- ``changed``: the run is submitted, but differs from what the file says (a key dropped, a value
  or key rewritten, text YAML 1.1 turned into another value), or mcli warns on the way;
- ``unchanged``: the file is submitted as written.
"""

from __future__ import annotations

import json
import logging
import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from mcli.api.engine import engine
from mcli.api.exceptions import MCLIException
from mcli.api.runs.api_create_run import QUERY, VARIABLE_DATA_NAME
from mcli.models.run_config import FinalRunConfig, RunConfig
from mcli.utils.utils_string_functions import snake_case_to_camel_case

Verdict = str  # "refused" | "crashed" | "changed" | "unchanged"


@dataclass
class Outcome:
    verdict: Verdict
    reasons: list[str] = field(default_factory=list)
    body: str | None = None


class _Captured(Exception):
    def __init__(self, body: str) -> None:
        super().__init__("captured")
        self.body = body


def submit(path: Path, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    """What ``mcli run -f PATH`` would do, with the network call replaced."""

    def capture(method: str, url: str, **kwargs: Any) -> requests.Response:
        raise _Captured(str(kwargs["data"]))

    monkeypatch.setattr(engine.requests, "request", capture)
    # `_suppress_deprecation_warnings` only silences mcli's messages (unknown compute and scheduling
    # keys are still sent, to no effect): the oracle hears them all the same.
    post_init = RunConfig.__post_init__

    def heard(self: RunConfig) -> None:
        self._suppress_deprecation_warnings = False
        post_init(self)

    monkeypatch.setattr(RunConfig, "__post_init__", heard)
    monkeypatch.delenv("MOSAICML_PLATFORM", raising=False)
    said: list[str] = []
    handler = _ListHandler(said)
    mcli_logger = logging.getLogger("mcli")
    mcli_logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                config = RunConfig.from_file(path)
                final = FinalRunConfig.finalize_config(config)
                variables = {VARIABLE_DATA_NAME: final.to_create_run_api_input()}
                engine._run_graphql_request({}, "http://oracle.invalid", QUERY, variables)
            except _Captured as sent:
                body = sent.body
            except (MCLIException, yaml.YAMLError, AssertionError, SystemExit) as error:
                return Outcome("refused", [f"{type(error).__name__}: {error}"])
            except Exception as error:  # mcli's own crash is the verdict, not a test failure
                return Outcome("crashed", [f"{type(error).__name__}: {error}"])
            else:
                raise AssertionError("the request was never built")
        said.extend(str(w.message) for w in caught)
    finally:
        mcli_logger.removeHandler(handler)
    try:
        json.loads(body, parse_constant=_no_constant)
    except ValueError as error:
        return Outcome("crashed", [f"invalid JSON: {error}"], body)
    sent_input = json.loads(body)["variables"][VARIABLE_DATA_NAME]["runInput"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    reasons = [f"mcli says: {s}" for s in said]
    reasons += list(_differences(_as_written(data), sent_input, "runInput"))
    reasons += list(_rewritten_text(path.read_text(encoding="utf-8")))
    return Outcome("changed" if reasons else "unchanged", reasons, body)


class _ListHandler(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


# --- what the file says, in the request's terms ---------------------------------------------------

_TOP = {
    "name": "runName",
    "parent_name": "parentName",
    "gpu_type": "gpuType",
    "gpu_num": "gpuNum",
    "env_variables": "envVariables",
    "dependent_deployment": "dependentDeployment",
}
_COMPUTE = {"gpu_type": "gpuType", "node_names": "nodeNames"}
_SCHEDULING = {
    "max_retries": "maxRetries",
    "retry_on_system_failure": "retryOnSystemFailure",
    "max_duration": "maxDuration",
}
_FIELDS = frozenset(
    [*_TOP, "image", "command", "compute", "scheduling", "integrations", "parameters", "metadata", "cluster", "cpus"]
)


def _pairs(items: list[tuple[object, object]]) -> dict[object, object] | list[tuple[object, object]]:
    """A mapping when no two keys collide; else the pairs themselves (which never equal a dict)."""
    keys = [k for k, _ in items]
    return dict(items) if len(set(keys)) == len(keys) else items


def _as_written(data: dict[Any, Any]) -> dict[object, object]:
    """The request the file asks for: every known field with a value, renamed as the API names it."""
    out: list[tuple[object, object]] = []
    for key, value in data.items():
        if key not in _FIELDS or value is None:
            continue  # dropped keys are mcli's warnings; a null is the same as an absent key
        if key == "compute" and isinstance(value, dict):
            value = _pairs([(_COMPUTE.get(k, k), v) for k, v in value.items() if v is not None])
        elif key == "scheduling" and isinstance(value, dict):
            value = _pairs([(_SCHEDULING.get(k, k), v) for k, v in value.items() if v is not None])
        elif key == "env_variables":
            value = _env(value)
        elif key == "integrations" and isinstance(value, list):
            value = [_integration(item) for item in value]
        elif key == "dependent_deployment" and isinstance(value, dict):
            value = _pairs([(_intended(k), _deployment_value(k, v)) for k, v in value.items()])
        elif key == "command" and isinstance(value, str):
            value = value.strip()
        out.append((_TOP.get(key, key), value))
    written = dict(out)
    for name, empty in (("integrations", []), ("envVariables", []), ("parameters", {})):
        written.setdefault(name, empty)
    for name in ("compute", "scheduling", "metadata", "dependentDeployment"):
        written.setdefault(name, {})
    written.setdefault("cpus", 0)
    written.setdefault("command", "")
    if written.get("parentName") is None:
        written["parentName"] = None
    return written


def _env(value: object) -> object:
    if isinstance(value, dict):
        return [{"envKey": k, "envValue": v} for k, v in value.items()]
    if isinstance(value, list):
        return [{"envKey": i.get("key"), "envValue": i.get("value")} for i in value if isinstance(i, dict)]
    return value


def _integration(item: object) -> object:
    if not isinstance(item, dict):
        return item
    kind = item.get("type", item.get("integration_type"))
    params = _pairs([(_camel(k), v) for k, v in item.items() if k not in ("type", "integration_type")])
    return {"type": kind, "params": params}


def _deployment_value(key: object, value: object) -> object:
    if key == "env_variables":
        return _env(value)
    if isinstance(value, dict):
        return _pairs([(_intended(k), v) for k, v in value.items()])
    return value


def _intended(key: object) -> object:
    """The API key a file's key asks for: snake_case becomes camelCase; any other key is meant as written."""
    return _camel(key) if isinstance(key, str) and key == key.lower() else key


def _camel(key: object) -> object:
    return snake_case_to_camel_case(key) if isinstance(key, str) and key else key


def _differences(written: object, sent: object, where: str) -> Iterator[str]:
    """Where the request differs from the file, comparing types too (JSON has no 1 == true)."""
    if isinstance(written, dict) and isinstance(sent, dict):
        for key in written.keys() | sent.keys():
            if key not in sent:
                yield f"{where}.{key} not sent"
            elif key not in written:
                if sent[key] is not None:
                    yield f"{where}.{key} sent but not written"
            else:
                yield from _differences(written[key], sent[key], f"{where}.{key}")
    elif isinstance(written, list) and isinstance(sent, list) and len(written) == len(sent):
        for index, (w, s) in enumerate(zip(written, sent, strict=True)):
            yield from _differences(w, s, f"{where}[{index}]")
    elif (type(written) is not type(sent) or written != sent) and not _both_nan(written, sent):
        yield f"{where}: written {written!r}, sent {sent!r}"


def _both_nan(a: object, b: object) -> bool:
    return isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)


# Fields whose values are text to the platform: a YAML 1.1 reading that changes the text changes them.
_TEXT_FIELDS = (("name",), ("image",), ("command",), ("compute", "cluster"), ("compute", "gpu_type"))


def _rewritten_text(text: str) -> Iterator[str]:
    """Values of text fields (and environment variables) that YAML 1.1 read as another text."""
    try:
        raw = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar a string
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    if not isinstance(raw, dict) or not isinstance(data, dict):
        return
    pairs: list[tuple[str, object, object]] = []
    for path in _TEXT_FIELDS:
        r, d = _get(raw, path), _get(data, path)
        pairs.append((".".join(path), r, d))
    env_raw, env_data = raw.get("env_variables"), data.get("env_variables")
    if isinstance(env_raw, dict) and isinstance(env_data, dict) and len(env_raw) == len(env_data):
        for (name, r), d in zip(env_raw.items(), env_data.values(), strict=True):
            pairs.append((f"env_variables.{name}", r, d))
    for where, r, d in pairs:
        if isinstance(r, str) and d is not None and not isinstance(d, str) and json.dumps(d) != r:
            yield f"{where}: written {r!r}, sent {json.dumps(d)}"


def _get(data: object, path: tuple[str, ...]) -> object:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data
