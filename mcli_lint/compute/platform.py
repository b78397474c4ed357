"""The organisation's clusters from the platform, through mcli's own SDK, as a clusters file's data.

mosaicml-cli is an optional extra: it is imported here, when a pull runs, and nowhere else. The
SDK reads the user's own configuration (API key from ``MOSAICML_API_KEY`` or ``mcli set api-key``,
endpoint from ``MOSAICML_API_ENDPOINT``). Its requests run on a thread the SDK retries on for
minutes when the endpoint cannot be reached, with no time limit of their own: they are given a
daemon thread, so that giving up here never holds the process open.
"""

from __future__ import annotations

import concurrent.futures
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mcli_lint.compute.clusters import check_data
from mcli_lint.text import escape

INSTALL = "clusters pull needs mosaicml-cli, the platform's SDK: pip install 'mcli-lint[platform]'"
UPGRADE = "pip install 'mosaicml-cli>=0.8.3'"
KEY_HELP = "set MOSAICML_API_KEY or run `mcli set api-key`"
# The SDK logs each retry here, from inside the failed attempt's exception handler.
_RETRY_LOGGER = "mcli.api.engine.retry"
# Words of a refusal whatever status the SDK makes of it (a GraphQL error code it cannot read is a 500).
_REFUSED = re.compile(r"unauthori[sz]ed|unauthenticated|forbidden|api key", re.IGNORECASE)
# The longest part of the platform's own words kept in a message.
_LONGEST = 200


class PullError(Exception):
    """Why no clusters came from the platform: one line for the user."""


@dataclass(frozen=True)
class Pulled:
    # {"clusters": [...]}: a clusters file's data, with mcli's field names.
    data: dict[str, Any]
    endpoint: str
    sdk_version: str

    @property
    def instances(self) -> int:
        return sum(len(c.get("cluster_instances", [])) for c in self.data["clusters"])


def pull_clusters(timeout: float) -> Pulled:
    """Every cluster the user's organisation has, as the platform answers getClusters; PullError if not."""
    try:
        # Optional dependency: mosaicml-cli (the `platform` extra), and 0.5-1 s to import.
        import mcli
    except ImportError:
        raise PullError(INSTALL) from None
    try:
        # Optional dependency (above); these names moved between mosaicml-cli versions.
        from mcli.api.engine.engine import MAPIConnection
        from mcli.api.exceptions import MCLIException
    except ImportError:
        version = escape(str(getattr(mcli, "__version__", "unknown")))
        raise PullError(f"clusters pull does not know mosaicml-cli {version}: {UPGRADE}") from None
    endpoint = ""
    try:
        with _DaemonPool() as pool, MAPIConnection(pool=pool) as connection:
            endpoint = str(connection.endpoint)
            answer = _ask(lambda: mcli.get_clusters(future=True), pool, endpoint, timeout)
    except PullError:
        raise
    except MCLIException as error:
        raise PullError(_words(error, endpoint)) from None
    except Exception as error:  # the SDK's own failures, whatever they are: one line, never a traceback
        raise PullError(f"the platform's SDK failed: {type(error).__name__}: {_short(str(error))}") from None
    try:
        data = {"clusters": sorted((_cluster(c) for c in answer), key=lambda c: str(c.get("name")))}
    except (AttributeError, TypeError) as error:
        raise PullError(f"the answer from {escape(endpoint)} is not what getClusters returns: {error}") from None
    problem = check_data(data)
    if problem is not None:
        raise PullError(f"the answer from {escape(endpoint)} is not what getClusters returns: {problem}")
    return Pulled(data, endpoint, str(getattr(mcli, "__version__", "unknown")))


def _ask(
    start: Callable[[], concurrent.futures.Future[Any]], pool: _DaemonPool, endpoint: str, timeout: float
) -> Iterable[Any]:
    """The SDK's answer; a connection that cannot be made ends the wait at once, not after every retry."""
    done = threading.Event()
    watcher = _RetryWatcher(done, pool)
    retry_logger = logging.getLogger(_RETRY_LOGGER)
    level, propagate = retry_logger.level, retry_logger.propagate
    retry_logger.addHandler(watcher)
    retry_logger.setLevel(logging.DEBUG)
    retry_logger.propagate = False
    try:
        future = start()
        future.add_done_callback(lambda _: done.set())
        finished = done.wait(timeout)
    finally:
        retry_logger.removeHandler(watcher)
        retry_logger.setLevel(level)
        retry_logger.propagate = propagate
    if future.done():
        result: Iterable[Any] = future.result()
        return result
    if watcher.unreachable is not None:
        raise PullError(f"cannot reach the platform at {escape(endpoint)}: {watcher.unreachable}")
    last = f" (last: {_words(watcher.last)})" if watcher.last is not None and not finished else ""
    raise PullError(f"no answer from the platform at {escape(endpoint)} within {timeout:g} s{last}")


class _RetryWatcher(logging.Handler):
    """Hears the SDK's retries: the error each one follows, and whether it was a connection refused."""

    def __init__(self, done: threading.Event, pool: _DaemonPool) -> None:
        super().__init__(logging.DEBUG)
        self.done = done
        self.pool = pool
        self.last: BaseException | None = None
        self.unreachable: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        # Only this pull's requests: an earlier one given up on may still be retrying.
        if error is None or threading.current_thread() not in self.pool.threads:
            return
        self.last = error
        cause = error.__cause__
        # requests' ConnectionError (or a subclass: a connect timeout, a proxy error); requests comes with
        # the SDK, not with mcli-lint, so it is known here by name.
        if any(k.__name__ == "ConnectionError" and k.__module__.startswith("requests") for k in type(cause).__mro__):
            found = re.search(r"\[Errno -?\d+\] ([^'\")]+)", str(cause))
            self.unreachable = found[1].strip() if found else "the connection failed"
            self.done.set()


class _DaemonPool(concurrent.futures.Executor):
    """Runs each submitted call on a daemon thread: an abandoned request does not keep the process alive."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def work() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:
                future.set_exception(error)

        thread = threading.Thread(target=work, name="mcli-lint-pull", daemon=True)
        self.threads.append(thread)
        thread.start()
        return future


def _words(error: BaseException, endpoint: str = "") -> str:
    """The SDK's error in one line, with what to do about it when that is clear."""
    if type(error).__name__ == "MCLIConfigError":
        said = str(error)
        if "API key" in said:
            return f"no API key for the platform: {KEY_HELP}"
        return f"mcli's configuration: {_short(said)}"
    status = getattr(getattr(error, "status", None), "value", None)
    where = f" from {escape(endpoint)}" if endpoint else ""
    text = "; ".join(line.strip() for line in str(error).splitlines() if line.strip())
    # The SDK quotes a malformed answer whole: its first words say what is wrong.
    text = _short(text.split(" Response received:")[0])
    if isinstance(error.__cause__, ValueError):  # the SDK could not read the body as JSON
        said = f"the answer{where} is not JSON (HTTP {status} {escape(str(getattr(error, 'message', '')))})"
    elif status in (401, 403) or _REFUSED.search(text):
        return f"the platform refused the request{where}: {text}; {KEY_HELP}"
    elif "Malformed response" in text or "Missing fields in response" in text:
        said = f"the answer{where} is not what getClusters returns: {text}"
    else:
        said = f"the platform answered{where}: {text}"
    return f"{said}; {KEY_HELP}" if status in (401, 403) else said


def _short(text: str) -> str:
    text = escape(text)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


# -- the SDK's records, as a clusters file's entries --------------------------------------------------


def _cluster(cluster: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": cluster.name,
        "provider": cluster.provider,
        "allow_fractional": cluster.allow_fractional,
        "allow_multinode": cluster.allow_multinode,
    }
    types = [getattr(kind, "name", kind) for kind in cluster.submission_types or ()]
    if types:
        entry["submission_types"] = types
    entry["scheduler_enabled"] = cluster.scheduler_enabled
    instances = [_instance(i) for i in cluster.cluster_instances or ()]
    entry["cluster_instances"] = sorted(instances, key=lambda i: str(i.get("name")))
    return entry


def _instance(instance: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": instance.name,
        "gpu_type": instance.gpu_type,
        "gpus": instance.gpus,
        "nodes": instance.nodes,
    }
    if instance.cpus is not None:
        entry["cpus"] = instance.cpus
    for name in ("memory", "storage"):
        value = getattr(instance, name)
        if value not in (None, ""):
            entry[name] = value
    if instance.gpu_nums:
        entry["gpu_nums"] = list(instance.gpu_nums)
    nodes = [
        {"name": node.name, "is_alive": node.is_alive, "is_schedulable": node.is_schedulable}
        for node in instance.node_details or ()
    ]
    if nodes:
        entry["node_details"] = sorted(nodes, key=lambda n: str(n["name"]))
    return entry
