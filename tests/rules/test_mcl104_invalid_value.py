"""MCL104 invalid-value: a value of the right type outside what the schema allows."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"
RUN = TOP + "compute:\n  gpus: 8\n"


def test_nodes_below_one() -> None:
    assert reported(RUN + "  nodes: 0\n") == [
        ("MCL104", 6, 10, 6, 11, "`compute.nodes` must be at least 1, not 0", None)
    ]


def test_each_value_out_of_range_is_reported() -> None:
    assert reported(TOP + "compute:\n  gpus: -2\n  nodes: 0\n") == [
        ("MCL104", 5, 9, 5, 11, "`compute.gpus` must be at least 0, not -2", None),
        ("MCL104", 6, 10, 6, 11, "`compute.nodes` must be at least 1, not 0", None),
    ]


def test_an_advisory_bound_is_left_to_unusual_value() -> None:
    assert reported(HEAD + "scheduling:\n  max_duration: -1\n", "MCL104") == []


def test_a_value_of_the_wrong_type_is_left_to_wrong_type() -> None:
    assert reported(HEAD + "scheduling:\n  retry_on_system_failure: 1\n", "MCL104") == []
