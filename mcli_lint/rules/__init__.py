"""The registry: every rule, in code order. Adding a rule adds one line here."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mcli_lint.loader import LoadProblem
from mcli_lint.rules import (
    mcl001_yaml_syntax,
    mcl002_duplicate_key,
    mcl003_not_a_mapping,
    mcl004_multiple_documents,
    mcl005_unreadable_input,
    mcl006_resource_limit,
    mcl007_unsupported_tag,
    mcl101_missing_field,
    mcl102_unknown_field,
    mcl103_wrong_type,
    mcl104_invalid_value,
    mcl105_unknown_integration_type,
    mcl106_deprecated_field,
    mcl107_missing_compute,
    mcl108_coerced_scalar,
    mcl109_yaml_version_ambiguous,
    mcl110_unquoted_string,
    mcl111_unencodable_value,
    mcl112_changed_by_mcli,
    mcl201_run_name_invalid,
    mcl202_run_name_too_long,
    mcl203_image_reference,
    mcl204_env_name,
    mcl205_reserved_env,
    mcl206_metadata_limit,
    mcl207_compute_conflict,
    mcl208_empty_command,
    mcl209_git_repo_format,
    mcl210_unknown_priority,
    mcl211_experiment_path,
    mcl212_suspicious_character,
    mcl213_unfilled_placeholder,
    mcl214_unusual_value,
    mcl301_unknown_cluster,
    mcl302_unsatisfiable_compute,
    mcl303_ambiguous_compute,
    mcl304_unknown_node,
    mcl305_unavailable_node,
    mcl401_unused_suppression,
    mcl402_invalid_suppression,
    mcl403_blanket_suppression,
)
from mcli_lint.rules.base import Rule

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import Problem

RULES: tuple[Rule, ...] = (
    mcl001_yaml_syntax.RULE,
    mcl002_duplicate_key.RULE,
    mcl003_not_a_mapping.RULE,
    mcl004_multiple_documents.RULE,
    mcl005_unreadable_input.RULE,
    mcl006_resource_limit.RULE,
    mcl007_unsupported_tag.RULE,
    mcl101_missing_field.RULE,
    mcl102_unknown_field.RULE,
    mcl103_wrong_type.RULE,
    mcl104_invalid_value.RULE,
    mcl105_unknown_integration_type.RULE,
    mcl106_deprecated_field.RULE,
    mcl107_missing_compute.RULE,
    mcl108_coerced_scalar.RULE,
    mcl109_yaml_version_ambiguous.RULE,
    mcl110_unquoted_string.RULE,
    mcl111_unencodable_value.RULE,
    mcl112_changed_by_mcli.RULE,
    mcl201_run_name_invalid.RULE,
    mcl202_run_name_too_long.RULE,
    mcl203_image_reference.RULE,
    mcl204_env_name.RULE,
    mcl205_reserved_env.RULE,
    mcl206_metadata_limit.RULE,
    mcl207_compute_conflict.RULE,
    mcl208_empty_command.RULE,
    mcl209_git_repo_format.RULE,
    mcl210_unknown_priority.RULE,
    mcl211_experiment_path.RULE,
    mcl212_suspicious_character.RULE,
    mcl213_unfilled_placeholder.RULE,
    mcl214_unusual_value.RULE,
    mcl301_unknown_cluster.RULE,
    mcl302_unsatisfiable_compute.RULE,
    mcl303_ambiguous_compute.RULE,
    mcl304_unknown_node.RULE,
    mcl305_unavailable_node.RULE,
    mcl401_unused_suppression.RULE,
    mcl402_invalid_suppression.RULE,
    mcl403_blanket_suppression.RULE,
)

BY_CODE = {rule.code: rule for rule in RULES}
BY_NAME = {rule.name: rule for rule in RULES}


def find(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


class Described(NamedTuple):
    """A load problem in its input rule's words."""

    code: str
    message: str
    help: str | None


_BY_KIND = {kind: rule for rule in RULES for kind in rule.words}


def describe(problem: LoadProblem) -> Described:
    """The words of the input rule that owns the problem's kind (for commands that report load
    problems outside a lint: fmt, to-yaml, the clusters file)."""
    rule = _BY_KIND[problem.kind]
    message, help = rule.words[problem.kind](problem)
    return Described(rule.code, message, help)


_INFERENCE_WORDS = {
    module.RULE.name: module.words
    for module in (
        mcl301_unknown_cluster,
        mcl302_unsatisfiable_compute,
        mcl303_ambiguous_compute,
        mcl304_unknown_node,
        mcl305_unavailable_node,
    )
}


def explain(problem: Problem, request: Request) -> Described:
    """A compute inference problem in the words of the MCL3xx rule of its kind (for callers of
    inference outside a lint)."""
    rule = BY_NAME[problem.kind]
    message, help = _INFERENCE_WORDS[problem.kind](problem, request)
    return Described(rule.code, message, help)
