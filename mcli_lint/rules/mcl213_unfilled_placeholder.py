"""A template placeholder was never filled in.

## What it does
Reports a value left as a template's placeholder in the fields where a real name must stand: the
cluster (`compute.cluster`, top-level `cluster`), `image`, the GPU type, `compute.instance`, a
git_repo integration's `git_repo` and `git_branch`, the wandb, comet_ml and mlflow integrations'
names, and environment variables whose name says they hold a secret (`*TOKEN*`, `*KEY*`,
`*SECRET*`, `*PASSWORD*`). A placeholder is:
- text in angle brackets: `<fill-in-with-cluster-name>`, `<INPUT>`, `<your-bucket>`;
- text with one of the words YOUR, REPLACE, CHANGEME, FIXME, PLACEHOLDER or TBD in it, in any
  case, as a word of its own (`YOUR_CLUSTER_NAME`, `REPLACE_WITH_YOUR_CLUSTER`,
  `YOUR_GITHUB_USERNAME/examples`, `yourOrg/repo`);
- TODO, FILL, INSERT or XXX in capitals, or alone (`TODO`, `FILL_ME_IN`, `XXX`); in lower case
  inside a name they are left alone (`someone/todo-app` is a real repository);
- `{YOUR ENTITY HERE}`, which YAML reads as a mapping with that one key.

## Why is this bad?
mcli sends the placeholder as it is: the platform refuses a cluster or GPU type it does not know,
the image cannot be pulled, the clone of `YOUR_GITHUB_USERNAME/examples` fails after the run has
queued, and a secret variable holds the template's text. (The platform's own example run file
uses `<fill-in-with-cluster-name>`.)

## Example
```yaml
name: template
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: <fill-in-with-cluster-name>
  gpus: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:12: MCL213 `compute.cluster` is a placeholder, `<fill-in-with-cluster-name>`, that was never filled in
  help: write the name of a cluster (`mcli get clusters` lists them)
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: filled-in
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 8
```
"""

import re
from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Path, Severity
from mcli_lint.rules._placeholders import placeholder_text
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import integration_kind
from mcli_lint.text import escape, field_name

_FIELDS: dict[Path, str] = {
    ("cluster",): "the name of a cluster (`mcli get clusters` lists them)",
    ("compute", "cluster"): "the name of a cluster (`mcli get clusters` lists them)",
    ("image",): "the Docker image to run in, e.g. `mosaicml/pytorch:latest`",
    ("gpu_type",): "a GPU type your cluster has (`mcli get clusters` lists them)",
    ("compute", "gpu_type"): "a GPU type your cluster has (`mcli get clusters` lists them)",
    ("compute", "instance"): "an instance type your cluster has (`mcli get clusters` lists them)",
}
_INTEGRATION_FIELDS = {
    "git_repo": ("git_repo", "git_branch"),
    "wandb": ("project", "entity"),
    "comet_ml": ("project_name", "workspace"),
    "mlflow": ("experiment_name",),
}
_SECRET = re.compile(r"TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL", re.IGNORECASE)


def _candidates(ctx: Context) -> Iterator[tuple[Path, str]]:
    yield from _FIELDS.items()
    integrations = ctx.data.get("integrations")
    for index, item in enumerate(integrations if isinstance(integrations, list) else []):
        kind = integration_kind(item)
        for name in _INTEGRATION_FIELDS.get(kind, ()) if isinstance(kind, str) else ():
            yield ("integrations", index, name), f"the {kind} integration's real `{name}`"
    env = ctx.data.get("env_variables")
    for name in env if isinstance(env, dict) else {}:
        if isinstance(name, str) and _SECRET.search(name):
            yield ("env_variables", name), "the real value, or better, a secret (`mcli create secret`)"


def check(ctx: Context) -> Iterator[Finding]:
    for path, what in _candidates(ctx):
        text = placeholder_text(ctx.get(*path))
        if text is not None:
            yield Finding(
                path,
                f"`{field_name(path)}` is a placeholder, `{escape(text)}`, that was never filled in",
                f"write {what}",
            )


RULE = Rule("MCL213", "unfilled-placeholder", Severity.ERROR, check, __doc__)
