"""A deterministic corpus of realistic run files (3-4 KB, llm-foundry-style parameters).

    python benchmarks/corpus.py OUT_DIR COUNT [--bad-every N]

Every N-th file (default 10) carries one realistic mistake, so the linter's error path is
measured too. The same arguments always write the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

MODELS = ["mpt-7b", "mpt-30b", "llama-2-7b", "llama-3-8b", "mistral-7b", "dbrx-base"]
GPU_TYPES = ["a100_40gb", "a100_80gb", "h100_80gb"]
OPTIMIZERS = ["decoupled_adamw", "decoupled_lionw", "adamw"]
MISTAKES = [
    ("  gpus: {gpus}\n", '  gpus: "{gpus}"\n'),
    ("  priority: low\n", "  priorty: low\n"),
    ('    git_branch: "v0.{minor}.0"\n', "    git_branch: v0.{minor}0\n"),
    ('  TOKENIZERS_PARALLELISM: "false"\n', "  TOKENIZERS_PARALLELISM: false\n"),
    ("image: mosaicml/llm-foundry", "image: MosaicML/llm-foundry"),
]

TEMPLATE = """\
# Fine-tuning run {index}: {model} on {dataset}
name: {name}
image: mosaicml/llm-foundry:2.{minor}.0_cu121-latest
command: |
  cd llm-foundry/scripts
  composer train/train.py /mnt/config/parameters.yaml
compute:
  cluster: r{cluster}z{zone}
  gpus: {gpus}
  gpu_type: {gpu_type}
scheduling:
  priority: low
  preemptible: true
  max_retries: {retries}
  max_duration: {hours}.5
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/llm-foundry
    git_branch: "v0.{minor}.0"
    pip_install: -e .[gpu]
    ssh_clone: false
  - integration_type: pip_packages
    packages:
      - datasets==2.{minor}.0
      - sentencepiece==0.2.0
  - integration_type: wandb
    project: {model}-finetune
    entity: nlp-team
env_variables:
  TOKENIZERS_PARALLELISM: "false"
  HF_HUB_ENABLE_HF_TRANSFER: "1"
parameters:
  run_name: {name}
  seed: {seed}
  max_seq_len: {seq}
  global_seed: {seed}
  model:
    name: hf_causal_lm
    pretrained: true
    pretrained_model_name_or_path: mosaicml/{model}
    init_device: mixed
    config_overrides:
      max_seq_len: {seq}
      attn_config:
        attn_impl: flash
        alibi: false
  tokenizer:
    name: mosaicml/{model}
    kwargs:
      model_max_length: {seq}
  train_loader:
    name: finetuning
    dataset:
      hf_name: {dataset}
      split: train
      max_seq_len: {seq}
      allow_pad_trimming: false
      decoder_only_format: true
      shuffle: true
    drop_last: true
    num_workers: 8
    pin_memory: false
    prefetch_factor: 2
    persistent_workers: true
    timeout: 0
  eval_loader:
    name: finetuning
    dataset:
      hf_name: {dataset}
      split: test
      max_seq_len: {seq}
      shuffle: false
    drop_last: false
    num_workers: 8
  scheduler:
    name: cosine_with_warmup
    t_warmup: {warmup}ba
    alpha_f: 0.1
  optimizer:
    name: {optimizer}
    lr: {lr}.0e-6
    betas:
      - 0.9
      - 0.95
    eps: 1.0e-08
    weight_decay: 0.0
  algorithms:
    gradient_clipping:
      clipping_type: norm
      clipping_threshold: 1.0
  max_duration: {epochs}ep
  eval_interval: 1ep
  eval_first: false
  global_train_batch_size: {batch}
  device_eval_batch_size: 8
  device_train_microbatch_size: 4
  precision: amp_bf16
  fsdp_config:
    sharding_strategy: FULL_SHARD
    mixed_precision: PURE
    activation_checkpointing: true
    activation_checkpointing_reentrant: false
    activation_cpu_offload: false
    limit_all_gathers: true
  progress_bar: false
  log_to_console: true
  console_log_interval: 1ba
  callbacks:
    speed_monitor:
      window_size: 10
    lr_monitor: {{}}
    memory_monitor: {{}}
    runtime_estimator: {{}}
  save_interval: 1ep
  save_num_checkpoints_to_keep: 1
  save_folder: s3://my-bucket/checkpoints/{name}
  loggers:
    wandb:
      project: {model}-finetune
      entity: nlp-team
    mlflow:
      experiment_name: /Users/someone@example.com/{model}
      tracking_uri: databricks
  icl_tasks:
    - label: hellaswag_zeroshot
      dataset_uri: eval/local_data/language_understanding/hellaswag.jsonl
      num_fewshot: [0]
      icl_task_type: multiple_choice
    - label: arc_easy
      dataset_uri: eval/local_data/world_knowledge/arc_easy.jsonl
      num_fewshot: [0, 5]
      icl_task_type: multiple_choice
      continuation_delimiter: "\nAnswer: "
metadata:
  team: nlp
  owner: someone@example.com
  ticket: NLP-{ticket}
"""


def render(index: int, rng: random.Random, bad: bool) -> str:
    model = rng.choice(MODELS)
    minor = rng.randint(3, 12)
    values = {
        "index": index,
        "model": model,
        "dataset": rng.choice(["mosaicml/dolly_hhrlhf", "tatsu-lab/alpaca", "HuggingFaceH4/ultrachat_200k"]),
        "name": f"{model}-ft-{index:05d}",
        "minor": minor,
        "cluster": rng.randint(1, 9),
        "zone": rng.randint(1, 3),
        "gpus": rng.choice([8, 16, 32, 64]),
        "gpu_type": rng.choice(GPU_TYPES),
        "retries": rng.randint(0, 3),
        "hours": rng.randint(1, 48),
        "seed": rng.randint(1, 10_000),
        "seq": rng.choice([2048, 4096, 8192]),
        "warmup": rng.choice([50, 100, 200]),
        "optimizer": rng.choice(OPTIMIZERS),
        "lr": rng.choice([1, 2, 5, 9]),
        "epochs": rng.randint(1, 4),
        "batch": rng.choice([32, 64, 128]),
        "ticket": rng.randint(100, 9999),
    }
    text = TEMPLATE.format(**values)
    if bad:
        good, wrong = rng.choice(MISTAKES)
        text = text.replace(good.format(**values), wrong.format(**values), 1)
    return text


def write_corpus(out: Path, count: int, bad_every: int = 10, seed: int = 20261124) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = out / f"run-{index:05d}.yaml"
        path.write_text(render(index, rng, bad_every > 0 and index % bad_every == bad_every - 1))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--bad-every", type=int, default=10)
    args = parser.parse_args()
    write_corpus(args.out, args.count, args.bad_every)


if __name__ == "__main__":
    main()
