"""SARIF output validates against the official SARIF 2.1.0 JSON schema.

The schema is taken from the npm registry (Microsoft's ``@microsoft/jest-sarif`` ships it) into
pytest's cache, with the machine's npm; without npm or the registry the test is skipped and says
why (under ``CI=true`` it fails instead: tests/needs.py).
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import jsonschema
import pytest

from mcli_lint.config import Config
from mcli_lint.engine.lint import lint_loaded
from mcli_lint.loader import load_path
from mcli_lint.report import sarif, summarize
from tests.needs import npm

PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def sarif_schema(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    store = getattr(request.config, "cache", None)
    cache = Path(store.mkdir("sarif-schema")) if store is not None else tmp_path_factory.mktemp("sarif-schema")
    target = cache / "sarif-2.1.0.json"
    if not target.exists():
        npm(["pack", PACKAGE, "--pack-destination", str(cache)], f"the SARIF 2.1.0 schema ({PACKAGE})")
        [tarball] = cache.glob("microsoft-jest-sarif-*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(MEMBER)
            assert member is not None
            target.write_bytes(member.read())
    loaded: dict[str, object] = json.loads(target.read_text())
    return loaded


def test_sarif_report_of_every_golden_case_is_valid(sarif_schema: dict[str, object]) -> None:
    diagnostics = []
    cases = sorted(GOLDEN.glob("*.yaml"))
    for case in cases:
        diagnostics.extend(lint_loaded(f"golden/{case.name}", load_path(str(case)), Config()))
    log = json.loads(sarif.render(diagnostics, summarize(len(cases), diagnostics)))
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []
    assert len(log["runs"][0]["results"]) == len(diagnostics) > 0


def test_empty_sarif_report_is_valid(sarif_schema: dict[str, object]) -> None:
    log = json.loads(sarif.render([], summarize(0, [])))
    jsonschema.validators.validator_for(sarif_schema)(sarif_schema).validate(log)
