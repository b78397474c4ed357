"""A loopback stand-in for the platform's GraphQL endpoint: answers getClusters as the platform does.

It runs http.server on 127.0.0.1 (a free port) in a thread. ``reply`` says what it answers: a
status, a body (JSON data or raw bytes), or a wait before answering. Every request is kept, so a
test can see what the real mcli SDK sent (the query, its variables, the Authorization header).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    raw: bytes | None = None
    # The answer waits for this to be set (a platform that does not answer in time).
    hold: threading.Event | None = None


@dataclass
class Responder:
    endpoint: str
    reply: Reply
    requests: list[dict[str, Any]] = field(default_factory=list)


# One cluster in the platform's own shape, with the fields the SDK's getClusters query asks for.
PLATFORM_CLUSTERS: list[dict[str, Any]] = [
    {
        "id": "clu-7",
        "name": "r7z2",
        "provider": "AWS",
        "allowFractional": False,
        "allowMultinode": True,
        "allowedSubmissionTypes": ["TRAINING", "INFERENCE"],
        "isMultiTenant": False,
        "reservationType": None,
        "schedulerEnabled": True,
        "allowedInstances": [
            {
                "name": "h100-8x",
                "gpuType": "h100_80gb",
                "gpusPerNode": 8,
                "cpus": 192,
                "memory": "2Ti",
                "storage": "28Ti",
                "gpuNums": [1, 2, 4, 8, 16, 32],
                "numNodes": 4,
                "nodes": [
                    {"name": "r7z2-h100-4", "isAlive": True, "isSchedulable": False, "upTime": None},
                    {"name": "r7z2-h100-1", "isAlive": True, "isSchedulable": True, "upTime": None},
                    {"name": "r7z2-h100-2", "isAlive": False, "isSchedulable": True, "upTime": None},
                    {"name": "r7z2-h100-3", "isAlive": True, "isSchedulable": True, "upTime": None},
                ],
            },
        ],
    },
    {
        "id": "clu-1",
        "name": "r1z1",
        "provider": "MOSAICML_COLO",
        "allowFractional": True,
        "allowMultinode": False,
        "allowedSubmissionTypes": ["TRAINING"],
        "isMultiTenant": True,
        "reservationType": None,
        "schedulerEnabled": False,
        "allowedInstances": [
            {
                "name": "cpu",
                "gpuType": "None",
                "gpusPerNode": 0,
                "cpus": 32,
                "memory": "128Gi",
                "storage": "1Ti",
                "gpuNums": [],
                "numNodes": 1,
                "nodes": [{"name": "r1z1-cpu-1", "isAlive": True, "isSchedulable": True, "upTime": None}],
            },
            {
                "name": "a10-4x",
                "gpuType": "a10",
                "gpusPerNode": 4,
                "cpus": 48,
                "memory": "192Gi",
                "storage": "2Ti",
                "numNodes": 2,
                "nodes": [],
            },
        ],
    },
    {
        "id": "clu-9",
        "name": "serve9",
        "provider": "COREWEAVE",
        "allowFractional": True,
        "allowMultinode": False,
        "allowedSubmissionTypes": ["INFERENCE"],
        "isMultiTenant": True,
        "reservationType": None,
        "schedulerEnabled": True,
        "allowedInstances": [
            {
                "name": "a10-4x",
                "gpuType": "a10",
                "gpusPerNode": 4,
                "cpus": 48,
                "memory": "192Gi",
                "storage": "2Ti",
                "gpuNums": [1, 2, 4],
                "numNodes": 1,
                "nodes": [{"name": "serve9-a10-1", "isAlive": True, "isSchedulable": True, "upTime": None}],
            },
        ],
    },
]


def success() -> Reply:
    return Reply(body={"data": {"getClusters": PLATFORM_CLUSTERS}})


def unauthorized() -> Reply:
    return Reply(401, {"errors": [{"message": "Invalid API key", "extensions": {"code": 401}}], "data": None})


@contextmanager
def responder(reply: Reply) -> Iterator[Responder]:
    state = Responder("", reply)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            state.requests.append({"authorization": self.headers.get("Authorization"), **body})
            if state.reply.hold is not None:
                state.reply.hold.wait(30)
            payload = state.reply.raw if state.reply.raw is not None else json.dumps(state.reply.body).encode()
            self.send_response(state.reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            del format, args

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.endpoint = f"http://127.0.0.1:{server.server_address[1]}/graphql"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        if reply.hold is not None:
            reply.hold.set()
        server.shutdown()
        server.server_close()


def closed_port() -> str:
    """An endpoint nothing listens on: a port just freed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/graphql"
