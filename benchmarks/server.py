"""Time the language server as an editor sees it: start-up, the first diagnostics, and change -> diagnostics.

    python benchmarks/server.py                       # examples/llm-finetune.yaml, 200 changes
    python benchmarks/server.py --file run.yaml --changes 500 --clusters examples/clusters.json

The server runs as `mcli-lint server` in a subprocess, driven over stdin/stdout by the tests' LSP
client. A change alternates one value of the file (a full-text didChange, as most clients send); its
latency is from writing the notification to reading the publishDiagnostics of that version, the
server's debounce included. Changes are sent one at a time, each after the previous one's diagnostics.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.lsp_client import Client  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=ROOT / "examples" / "llm-finetune.yaml")
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--clusters", type=Path, default=None, help="a clusters file, for the MCL3xx rules")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        settings = "[tool.mcli-lint]\n"
        if args.clusters is not None:
            shutil.copy(args.clusters, root / "clusters.json")
            settings += 'clusters = "clusters.json"\n'
        (root / "pyproject.toml").write_text(settings)
        path = root / "run.yaml"
        text = args.file.read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        client = Client(cwd=root, env={"MCLI_LINT_CLUSTERS": ""})
        try:
            client.initialize(root)
            initialized = time.perf_counter() - started
            opened = time.perf_counter()
            first = client.open(path, text)
            first_ms = (time.perf_counter() - opened) * 1000
            edited = text.replace("name:", "name: x", 1) if "name:" in text else "# x\n" + text
            latencies = []
            for version in range(2, args.changes + 2):
                sent = time.perf_counter()
                client.change(path, edited if version % 2 else text, version)
                latencies.append((time.perf_counter() - sent) * 1000)
            client.close()
        finally:
            client.kill()
    latencies.sort()
    extra = " with clusters" if args.clusters else ""
    print(f"file: {args.file.name} ({len(text.splitlines())} lines, {len(first)} diagnostics){extra}")
    print(f"start-up to initialize result: {initialized * 1000:.0f} ms")
    print(f"didOpen -> first diagnostics:  {first_ms:.1f} ms")
    print(
        f"didChange -> diagnostics ({len(latencies)} changes): median {statistics.median(latencies):.1f} ms, "
        f"p90 {latencies[int(len(latencies) * 0.9)]:.1f} ms, max {latencies[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
