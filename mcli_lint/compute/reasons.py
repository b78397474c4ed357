"""Why a run's compute does not resolve to one instance, as facts and in no words: what inference
found (the request asked, the clusters known, the candidates); the MCL3xx rules word them.

This module holds only records: a rule may import it without importing inference.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

from mcli_lint.diagnostics import Path


class Kind(enum.StrEnum):
    """What went wrong; each kind is the name of the rule that reports it."""

    UNKNOWN_CLUSTER = "unknown-cluster"
    UNSATISFIABLE = "unsatisfiable-compute"
    AMBIGUOUS = "ambiguous-compute"
    UNKNOWN_NODE = "unknown-node"
    UNAVAILABLE_NODE = "unavailable-node"


class Place(NamedTuple):
    """An instance, by its cluster's name and its own."""

    cluster: str
    instance: str


@dataclass(frozen=True)
class Offer:
    """An instance as an explanation names it: where it is, what it has, the sizes a run may take on it."""

    place: Place
    gpu_type: str
    is_cpu: bool
    gpus: int  # per node
    nodes: int  # nodes it has
    cpus: int | None
    legal_gpus: tuple[int, ...]  # every legal size, by GPU count then nodes
    legal_nodes: tuple[int, ...]


@dataclass(frozen=True)
class Refused:
    """What would have fit, on clusters that take no training runs (they are listed, not candidates)."""

    clusters: tuple[str, ...]
    fits: tuple[Place, ...]


# -- MCL301 unknown-cluster ------------------------------------------------------------------------


@dataclass(frozen=True)
class UnknownCluster:
    asked: str
    known: tuple[str, ...]  # sorted
    source: str  # the clusters file, "" when unnamed


# -- MCL302 unsatisfiable-compute ------------------------------------------------------------------


@dataclass(frozen=True)
class NoInstances:
    """The clusters file lists no instance at all."""

    source: str


@dataclass(frozen=True)
class EmptyCluster:
    """The cluster asked for lists no instance: each other cluster that has some, sorted."""

    asked: str
    source: str
    others: tuple[str, ...]


@dataclass(frozen=True)
class NoTrainingCluster:
    """No cluster of the file takes training runs: each cluster's name and the submission types it takes."""

    source: str
    takes: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class NotForTraining:
    """The cluster asked for takes no training runs."""

    asked: str
    takes: tuple[str, ...]
    taking: tuple[str, ...]  # the clusters that do, by name


@dataclass(frozen=True)
class NoSuchInstance:
    asked: str
    on: tuple[str, ...]  # the clusters that have an instance of that name
    names: tuple[str, ...]  # the instances left to choose from, sorted


@dataclass(frozen=True)
class NoSuchGpuType:
    asked: str
    instance: Offer | None  # the instance asked for, when one was
    on: tuple[Place, ...]  # the instances with that GPU type
    types: tuple[str, ...]  # every GPU type of the file, sorted
    offers: tuple[Offer, ...]  # the instances left to choose from, by GPU type, cluster, instance


class Why(enum.Enum):
    """Why the one instance left cannot take the size asked for."""

    NO_NODES = "the instance has no nodes"
    CPU_RUN_ON_GPUS = "0 GPUs on a GPU instance"
    GPUS_ON_CPU = "GPUs on a CPU instance"
    COUNTED_NODES = "nodes that make a GPU count the platform does not take"
    COUNTED_SPLIT = "a GPU count the platform takes, on another number of nodes"
    COUNTED_GPUS = "a GPU count the platform does not take"
    SINGLE_NODE_NODES = "several nodes on a cluster without multinode runs"
    SINGLE_NODE_GPUS = "more GPUs than a node has, on a cluster without multinode runs"
    TOO_FEW_NODES_NODES = "more nodes than the instance has"
    TOO_FEW_NODES_GPUS = "more GPUs than the instance's nodes hold"
    SPLIT = "GPUs and nodes that disagree"
    PER_NODE = "a GPU count that is not whole nodes"


@dataclass(frozen=True)
class NoSize:
    """One instance is left, and it cannot take the size asked for."""

    why: Why
    offer: Offer
    needed: int  # the nodes the request needs
    fitting: tuple[int, ...]  # the GPU counts the nodes asked for hold
    others: tuple[Place, ...]  # other instances, where the run may go, that take the size
    elsewhere: tuple[Place, ...]  # instances on other clusters that take it


@dataclass(frozen=True)
class NoSizeAnywhere:
    """Several instances are left, and none takes the size asked for."""

    offers: tuple[Offer, ...]  # the ones worth explaining, by cluster then instance
    pool: tuple[Place, ...]  # every one left


@dataclass(frozen=True)
class NoCpus:
    wanted: int
    offers: tuple[Offer, ...]  # the instances left, by cluster then instance
    roomy: tuple[Place, ...]  # CPU instances (where the run may go) with that many CPUs


@dataclass(frozen=True)
class NodesApart:
    """The nodes asked for belong to different instances: each name and the instances that have it."""

    owners: tuple[tuple[str, tuple[Place, ...]], ...]


# -- MCL303 ambiguous-compute ----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    offer: Offer
    sizes: tuple[int, ...]  # the GPU counts on it that fit the request


@dataclass(frozen=True)
class Unsized:
    """One instance is left, with several sizes."""

    place: Place
    sizes: tuple[int, ...]


@dataclass(frozen=True)
class Several:
    """Several instances are left."""

    candidates: tuple[Candidate, ...]
    pickers: tuple[str, ...]  # the unset fields that would tell them apart
    together: bool  # all of the pickers (else any one of them)


# -- MCL304 unknown-node, MCL305 unavailable-node --------------------------------------------------


@dataclass(frozen=True)
class UnknownNode:
    name: str
    instance: Place | None  # the one instance left, if one is
    nodes: tuple[str, ...]  # every node of the instances left, sorted
    available: tuple[str, ...]  # those alive and schedulable


@dataclass(frozen=True)
class UnavailableNode:
    name: str
    place: Place
    alive: bool
    schedulable: bool
    spare: tuple[str, ...]  # the instance's available nodes the run does not name


Reason: TypeAlias = (
    UnknownCluster
    | NoInstances
    | EmptyCluster
    | NoTrainingCluster
    | NotForTraining
    | NoSuchInstance
    | NoSuchGpuType
    | NoSize
    | NoSizeAnywhere
    | NoCpus
    | NodesApart
    | Unsized
    | Several
    | UnknownNode
    | UnavailableNode
)


@dataclass(frozen=True)
class Problem:
    kind: Kind
    path: Path
    reason: Reason
    # Set on the first problem when instances on clusters that take no training runs would have fit.
    refused: Refused | None = None
