"""MCL107 missing-compute: a run that says nothing about its compute, reported at line 1."""

from __future__ import annotations

import pytest

from tests.rules.helpers import HEAD, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"
WORDS = (
    "no `compute` section: the platform will try to infer one at submission",
    "add `compute:` with at least `gpus:` (and `cluster:` if you have several)",
)


@pytest.mark.parametrize("text", [TOP, TOP + "compute:\n", TOP + "compute: ~\ngpu_num:\n"])
def test_no_compute_or_only_nulls(text: str) -> None:
    assert reported(text) == [("MCL107", 1, 1, 1, 1, *WORDS)]


@pytest.mark.parametrize("text", [HEAD, TOP + "gpu_num: 8\n", TOP + "cluster: r1\n"])
def test_compute_or_an_old_compute_field_is_enough(text: str) -> None:
    assert reported(text, "MCL107") == []
