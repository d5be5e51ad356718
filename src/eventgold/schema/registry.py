"""Published schema versions, the active table, and upgraders between versions.

Versions are explicit objects: :data:`REGISTRY` maps ``(name, version)`` to a
:class:`SchemaVersion` that knows its definition file. A project extension (``--schema-ext``
or ``eventgold.toml``) adds one more entry at run time. Upgraders are named functions
registered with :func:`upgrader` from one version to the next; :func:`upgrade_record` chains
them.
"""

from __future__ import annotations

import itertools
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventgold.errors import DataError, Problem, UsageError
from eventgold.schema.definition import load_definition
from eventgold.schema.table import SchemaTable, apply_extension, table_from_definition

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFINITIONS_DIR = Path(__file__).parent / "definitions"
BASE_NAME = "eventgold"
PROJECT_CONFIG = "eventgold.toml"

JsonRecord = dict[str, Any]
Upgrader = Callable[[JsonRecord], JsonRecord]


@dataclass(frozen=True)
class SchemaVersion:
    name: str
    version: str
    definition: Path
    summary: str = ""


@dataclass
class Registry:
    versions: dict[tuple[str, str], SchemaVersion] = field(default_factory=dict)
    upgraders: dict[tuple[str, str, str], tuple[str, Upgrader]] = field(default_factory=dict)
    tables: dict[tuple[str, str], SchemaTable] = field(default_factory=dict)

    def publish(self, version: SchemaVersion) -> None:
        self.versions[(version.name, version.version)] = version

    def add_table(self, table: SchemaTable) -> None:
        """Make a table (e.g. an extension's, or a test-only version) known by name/version."""
        self.tables[(table.name, table.version)] = table

    def known(self, name: str, version: str) -> bool:
        return (name, version) in self.tables or (name, version) in self.versions

    def table(self, name: str = BASE_NAME, version: str | None = None) -> SchemaTable:
        version = version or self.latest(name)
        if (name, version) in self.tables:
            return self.tables[(name, version)]
        if (name, version) not in self.versions:
            known = ", ".join(f"{n}@{v}" for n, v in sorted(self.versions) + sorted(self.tables))
            raise UsageError(
                Problem("EG110", f"unknown schema {name}@{version}; known: {known}", "$")
            )
        entry = self.versions[(name, version)]
        table = _table_from_file(entry.definition)
        self.tables[(name, version)] = table
        return table

    def latest(self, name: str = BASE_NAME) -> str:
        candidates = [v for (n, v) in [*self.versions, *self.tables] if n == name]
        if not candidates:
            raise UsageError(Problem("EG110", f"no published version of schema {name!r}", "$"))
        return max(candidates, key=_semver_key)

    def register_upgrader(self, name: str, source: str, target: str, fn: Upgrader) -> None:
        self.upgraders[(name, source, target)] = (fn.__name__, fn)

    def upgrade_path(self, name: str, source: str, target: str) -> list[tuple[str, Upgrader]]:
        """Shortest chain of upgraders from ``source`` to ``target`` (breadth first)."""
        if source == target:
            return []
        edges: dict[str, list[str]] = {}
        for n, s, t in self.upgraders:
            if n == name:
                edges.setdefault(s, []).append(t)
        previous: dict[str, str] = {}
        queue = deque([source])
        while queue:
            current = queue.popleft()
            for nxt in sorted(edges.get(current, [])):
                if nxt in previous or nxt == source:
                    continue
                previous[nxt] = current
                if nxt == target:
                    chain = [target]
                    while chain[-1] != source:
                        chain.append(previous[chain[-1]])
                    chain.reverse()
                    return [self.upgraders[(name, a, b)] for a, b in itertools.pairwise(chain)]
                queue.append(nxt)
        raise DataError(
            Problem(
                "EG302", f"no upgrade path for {name} from {source} to {target}", "$.schema_version"
            )
        )


def _semver_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@lru_cache(maxsize=32)
def _table_from_file(path: Path) -> SchemaTable:
    defn = load_definition(path)
    if defn.extends is None:
        return table_from_definition(defn, str(path))
    base = REGISTRY.table(defn.extends.name, defn.extends.version)
    return apply_extension(base, defn, str(path))


REGISTRY = Registry()
REGISTRY.publish(
    SchemaVersion(
        BASE_NAME,
        "1.0.0",
        DEFINITIONS_DIR / "eventgold-1.0.0.yaml",
        "Five geopolitical event types: deployment, diplomatic meeting, sanction, "
        "UN action, arms-transfer policy.",
    )
)


def upgrader(source: str, target: str, name: str = BASE_NAME) -> Callable[[Upgrader], Upgrader]:
    """Register the decorated function as the upgrader of ``name`` from ``source`` to ``target``."""

    def register(fn: Upgrader) -> Upgrader:
        REGISTRY.register_upgrader(name, source, target, fn)
        return fn

    return register


def upgrade_record(record: JsonRecord, target: str | None = None) -> JsonRecord:
    """Upgrade a record (plain JSON) to ``target`` (default: the latest) of its schema."""
    name = record.get("schema_name", BASE_NAME)
    source = record.get("schema_version")
    if not isinstance(name, str) or not isinstance(source, str):
        raise DataError(Problem("EG101", "record has no schema_name/schema_version", "$"))
    target = target or REGISTRY.latest(name)
    for _, fn in REGISTRY.upgrade_path(name, source, target):
        record = fn(dict(record))
    record["schema_version"] = target
    return record


def load_extension(path: str | Path) -> SchemaTable:
    """Load a project extension file and make its table known to the registry."""
    table = _table_from_file(Path(path).resolve())
    REGISTRY.add_table(table)
    return table


def find_project_extension(start: Path | None = None) -> Path | None:
    """The ``[schema] extension`` of the nearest ``eventgold.toml`` (cwd and its parents)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        config = folder / PROJECT_CONFIG
        if config.is_file():
            try:
                data = tomllib.loads(config.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise UsageError(
                    Problem("EG310", f"cannot read {config}: {exc}", "$", str(config))
                ) from None
            ext = data.get("schema", {}).get("extension")
            return (folder / ext).resolve() if isinstance(ext, str) else None
    return None


def active_table(
    extension: str | Path | None = None, *, search_project: bool = True
) -> SchemaTable:
    """The table commands use: an explicit extension, else the project's, else the latest base."""
    path = Path(extension) if extension else (find_project_extension() if search_project else None)
    if path is not None:
        return load_extension(path)
    return REGISTRY.table(BASE_NAME)


def default_table() -> SchemaTable:
    """The latest published base table (no project extension)."""
    return REGISTRY.table(BASE_NAME)
