"""MCL213 unfilled-placeholder: a template's placeholder left in a field that needs a real value."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported


def wandb(entity: str) -> str:
    return HEAD + f"integrations:\n  - integration_type: wandb\n    project: p\n    entity: {entity}\n"


def test_an_image_placeholder() -> None:
    assert reported(HEAD.replace("mosaicml/pytorch:latest", "<YOUR_IMAGE>")) == [
        (
            "MCL213",
            2,
            8,
            2,
            20,
            "`image` is a placeholder, `<YOUR_IMAGE>`, that was never filled in",
            "write the Docker image to run in, e.g. `mosaicml/pytorch:latest`",
        )
    ]


def test_an_integration_field_in_angle_brackets_and_in_braces() -> None:
    help_text = "write the wandb integration's real `entity`"
    assert reported(wandb("<your-entity>")) == [
        (
            "MCL213",
            9,
            13,
            9,
            26,
            "`integrations[0].entity` is a placeholder, `<your-entity>`, that was never filled in",
            help_text,
        )
    ]
    assert reported(wandb("{YOUR ENTITY HERE}")) == [
        (
            "MCL213",
            9,
            13,
            9,
            31,
            "`integrations[0].entity` is a placeholder, `{YOUR ENTITY HERE}`, that was never filled in",
            help_text,
        )
    ]


def test_a_secret_left_as_its_placeholder() -> None:
    assert reported(HEAD + "env_variables:\n  HF_TOKEN: YOUR_TOKEN_HERE\n") == [
        (
            "MCL213",
            7,
            13,
            7,
            28,
            "`env_variables.HF_TOKEN` is a placeholder, `YOUR_TOKEN_HERE`, that was never filled in",
            "write the real value, or better, a secret (`mcli create secret`)",
        )
    ]


def test_real_values_and_fields_it_does_not_watch() -> None:
    assert reported(wandb("my-team")) == []
    assert reported(HEAD + "env_variables:\n  GREETING: YOUR_NAME_HERE\n") == []
