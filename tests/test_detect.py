"""Detection: which YAML files are mcli runs, from their parsed top level or (unparsable) their text."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from mcli_lint import schema
from mcli_lint.engine.detect import Kind, Verdict, detect
from tests.strategies import rendered_configs

RUN = "name: train\nimage: mosaicml/pytorch:latest\ncommand: python train.py\ncompute:\n  gpus: 8\n"
OLD_RUN = "run_name: train\ncluster: r1\ngpu_num: 8\nimage: mosaicml/pytorch\ncommand: |\n  composer train.py\n"
KUBERNETES = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
WORKFLOW = "name: ci\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
COMPOSE = "services:\n  web:\n    image: nginx\n    command: serve\n"
MKDOCS = "site_name: Docs\nnav:\n  - Home: index.md\ntheme: material\n"
PRE_COMMIT = "repos:\n  - repo: https://github.com/x/y\n    rev: v1\n    hooks:\n      - id: z\n"
CHART = "apiVersion: v2\nname: web\nversion: 0.1.0\n"
HELM_VALUES = "replicaCount: 1\nimage:\n  repository: nginx\n  tag: stable\nservice:\n  port: 80\n"
HELM_TEMPLATE = (
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web.fullname" . }}\n'
    "spec:\n  {{- if not .Values.autoscaling.enabled }}\n  replicas: {{ .Values.replicaCount }}\n  {{- end }}\n"
)
JINJA_RUN = "name: sweep-{{ lr }}\nimage: mosaicml/pytorch\ncommand: python train.py --lr {{ lr }}\n"
TRAINING = "max_seq_len: 2048\nmodel:\n  name: mpt_causal_lm\noptimizer:\n  name: adamw\ntrain_loader:\n  name: text\n"
TRAINING_WITH_RUN_NAME = "run_name: mpt\nmodel:\n  name: mpt\noptimizer:\n  lr: 1.0e-4\nmax_duration: 1ep\n"
DEPLOYMENT = (
    "name: mpt-7b\ncompute:\n  gpus: 1\nreplicas: 1\nimage: mosaicml/inference:0.1\n"
    "default_model:\n  model_type: mpt-7b\n"
)
FINETUNE = (
    "model: meta-llama/Llama-2-7b\ntrain_data_path: main.data.train\nsave_folder: dbfs:/ft\n"
    "task_type: INSTRUCTION_FINETUNE\ncompute:\n  gpus: 8\n"
)
DEPLOYMENT_MODEL = "name: e5\nimage: mosaicml/inference\ncommand: serve\nmodel:\n  downloader: hf\n"


def verdict_of(text: str) -> Verdict:
    """The verdict from the parsed mapping, checked to agree with the one from the text alone."""
    data = yaml.safe_load(text)
    parsed = detect(text, data if isinstance(data, dict) else None)
    assert detect(text).what == parsed.what
    return parsed


@pytest.mark.parametrize(
    ("text", "what", "reason"),
    [
        (RUN, "run", "a run (image, command, compute)"),
        (OLD_RUN, "run", "a run (image, command, gpu_num, run_name)"),
        (KUBERNETES, "kubernetes", "a Kubernetes manifest (apiVersion, kind)"),
        (WORKFLOW, "workflow", "a GitHub Actions workflow (on, jobs)"),
        (COMPOSE, "compose", "a Docker Compose file (services)"),
        (MKDOCS, "mkdocs", "an MkDocs configuration (site_name)"),
        (PRE_COMMIT, "pre-commit", "a pre-commit configuration (repos)"),
        (CHART, "helm", "a Helm chart or Kubernetes-style file (apiVersion)"),
        (HELM_VALUES, "helm", "Helm chart values (replicaCount, image.repository)"),
        (TRAINING, "training-config", "a training configuration (model, optimizer, train_loader; no image or command)"),
        (
            TRAINING_WITH_RUN_NAME,
            "training-config",
            "a training configuration (model, optimizer, max_duration; no image or command)",
        ),
        (FINETUNE, "fine-tuning", "a fine-tuning configuration (train_data_path, task_type; no image or command)"),
        (DEPLOYMENT, "deployment", "an mcli inference deployment (replicas, default_model)"),
        (DEPLOYMENT_MODEL, "deployment", "an mcli inference deployment (model)"),
        ("- id: lint\n  entry: lint\n", "not-a-mapping", "its top level is a list, not a mapping of run fields"),
        ("# nothing here\n", "empty", "it holds no YAML data"),
        ("greeting: hello\ncount: 3\n", "unknown", "no image, command or compute at the top level"),
    ],
)
def test_each_kind_of_yaml_gets_its_verdict_and_reason(text: str, what: str, reason: str) -> None:
    verdict = verdict_of(text)
    assert (verdict.what, verdict.reason) == (what, reason)
    assert verdict.is_run is (what == "run")


@pytest.mark.parametrize("text", [HELM_TEMPLATE, JINJA_RUN, "{% for x in xs %}\nname: {{ x }}\n{% endfor %}\n"])
def test_templates_are_not_runs(text: str) -> None:
    assert detect(text) == Verdict(Kind.OTHER, "template", "a template: `{{ }}` or `{% %}` placeholders (Helm, Jinja)")


def test_a_placeholder_inside_a_command_line_does_not_make_a_template() -> None:
    text = "name: x\nimage: i\ncommand: |\n  echo {{not a template}}\n  python train.py\n"
    assert detect(text, yaml.safe_load(text)).is_run


def test_a_run_with_a_syntax_error_is_recognised_from_its_text() -> None:
    text = "name: train\nimage: mosaicml/pytorch\ncommand: [unclosed\ncompute:\n  gpus: 8\n"
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(text)
    assert detect(text) == Verdict(Kind.RUN, "run", "a run (image, command, compute)")


def test_a_run_with_typos_and_one_mistyped_core_field_is_still_a_run() -> None:
    text = "name: x\nimage: i\ncommand: [python, train.py]\ncompte:\n  gpus: 8\n"
    assert verdict_of(text).what == "run"


def test_a_string_image_among_many_foreign_keys_is_not_a_run() -> None:
    text = "image: nginx\nservice:\n  port: 80\ningress:\n  enabled: false\nresources: {}\n"
    assert verdict_of(text).what == "unknown"


def test_a_workflow_on_key_read_as_true_by_yaml_1_1() -> None:
    assert yaml.safe_load(WORKFLOW).get(True) is not None  # PyYAML reads `on` as true
    assert detect(WORKFLOW, yaml.safe_load(WORKFLOW)).what == "workflow"


def test_notes_say_what_the_file_is_and_how_to_lint_it_anyway() -> None:
    assert verdict_of(TRAINING).note() == (
        "does not look like a run file: a training configuration (model, optimizer, train_loader; no image or"
        " command); lint it anyway with --force-run"
    )
    assert verdict_of(DEPLOYMENT).note("format") == (
        "not a run file: an mcli inference deployment (replicas, default_model); deployments are not formatted"
    )


def test_a_file_of_top_level_run_fields_with_one_core_field_is_a_run() -> None:
    """Evidence is the schema's own field list: one core field and a majority of run fields."""
    for field in sorted(schema.top_level_fields() - {"image", "command", "compute", "integrations", "scheduling"}):
        text = f"image: i\n{field}: x\nextra: 1\n"
        assert detect(text, None).is_run, field
    assert not detect("image: i\nextra: 1\nother: 2\n", None).is_run


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rendered_configs())
def test_every_valid_run_is_recognised_from_its_data_and_from_its_text(rendered: tuple[dict[str, object], str]) -> None:
    config, text = rendered
    assert detect(text, config).is_run
    assert detect(text).is_run, text


def test_a_run_written_as_a_list_item_is_a_run_with_a_mistake() -> None:
    text = "- name: x\n  image: mosaicml/pytorch\n  command: echo hi\n"
    assert detect(text) == Verdict(Kind.RUN, "run", "a run written as a list item (name, image, command)")
    hooks = "- id: lint\n  name: lint\n  entry: lint\n  language: python\n"
    assert detect(hooks).what == "not-a-mapping"
