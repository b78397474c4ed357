"""Which configuration and clusters a document is linted with: ``check``'s, found from the file's folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mcli_lint.config import Config, ConfigError, clusters_path, find_pyproject, load_config
from mcli_lint.loader.limits import Limits

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters


@dataclass(frozen=True)
class Resolved:
    config: Config
    clusters: Clusters | None
    # The name per-file-ignores match: relative to the pyproject's folder, as `check` run there sees it.
    path: str
    # Why the configuration or the clusters file cannot be used (check would exit 2), else None.
    problem: str | None = None


def _stamp(path: Path | None) -> tuple[str, int] | None:
    if path is None:
        return None
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), -1)


class Settings:
    """Resolves a document's settings, re-reading a pyproject or clusters file only when it changes."""

    def __init__(self, environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._cwd = cwd or Path.cwd()
        self._configs: dict[Path | None, tuple[object, Config | str]] = {}
        self._clusters: dict[Path, tuple[object, Clusters | str]] = {}

    def forget(self) -> None:
        """Read every pyproject and clusters file again (the editor says one changed)."""
        self._configs.clear()
        self._clusters.clear()

    def for_file(self, file: Path | None) -> Resolved:
        """The settings for a file on disk, or (None) for an unsaved buffer: those of the working folder."""
        folder = file.parent if file is not None else self._cwd
        pyproject = find_pyproject(folder)
        shown = file.name if file is not None else "-"
        if file is not None and pyproject is not None and file.is_relative_to(pyproject.parent):
            shown = file.relative_to(pyproject.parent).as_posix()
        config = self._config(pyproject)
        if isinstance(config, str):
            return Resolved(Config(), None, shown, config)
        where = clusters_path(None, config.clusters, self._environ)
        if where is None:
            return Resolved(config, None, shown)
        clusters = self._read_clusters(where if where.is_absolute() else self._cwd / where, config.limits)
        if isinstance(clusters, str):
            return Resolved(config, None, shown, clusters)
        return Resolved(config, clusters, shown)

    def _config(self, pyproject: Path | None) -> Config | str:
        stamp = _stamp(pyproject)
        cached = self._configs.get(pyproject)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            found: Config | str = load_config(pyproject)
        except ConfigError as error:
            found = str(error)
        self._configs[pyproject] = (stamp, found)
        return found

    def _read_clusters(self, path: Path, limits: Limits) -> Clusters | str:
        # Lazy: the clusters loader (about 20 ms measured), only when a clusters file is set.
        from mcli_lint.compute.clusters import ClustersError, load_clusters

        stamp = _stamp(path)
        cached = self._clusters.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            found: Clusters | str = load_clusters(path, limits)
        except ClustersError as error:
            found = str(error)
        self._clusters[path] = (stamp, found)
        return found
