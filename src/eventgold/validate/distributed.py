"""Validate sharded JSONL on a Dask cluster (``eventgold validate --backend dask``).

One task per shard (input file) validates its records on a worker, streaming, so a worker's
memory does not grow with the corpus or the shard. Cross-record checks need the whole corpus
and run in two cheap steps: each shard returns a 16-byte digest per document id (the client
finds ids used twice) and its cluster records; only when duplicates or clusters exist, a
second distributed pass asks the shards for the ids at the duplicate lines and for the event
types of the cluster members. The merged report equals the one-process report.

Dask is an optional extra (``pip install 'eventgold[dask]'``). ``scheduler=None`` starts a
``LocalCluster`` of ``workers`` single-threaded processes; an address joins an existing cluster
(every worker must see the shard paths, e.g. on a shared file system).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from eventgold.errors import Problem, ServerError, UsageError
from eventgold.schema import REGISTRY, SchemaTable
from eventgold.validate.api import Report, Validator, _Cluster, _duplicate_id, record_identity
from eventgold.validate.reader import STDIN, Item, expand_paths, read_items

T = TypeVar("T")
R = TypeVar("R")


def _dask_client(scheduler: str | None, workers: int) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            Problem(
                "EG090", "the dask backend needs the [dask] extra: pip install 'eventgold[dask]'"
            )
        ) from None
    if scheduler is not None:
        try:
            return Client(scheduler, timeout=10)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ServerError(
                Problem("EG091", f"cannot reach the Dask scheduler at {scheduler}: {exc}")
            ) from None
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)  # type: ignore[no-untyped-call]


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A Dask client for the block: the given scheduler, or a LocalCluster closed afterwards."""
    client = _dask_client(scheduler, workers)
    try:
        yield client
    finally:
        cluster = client.cluster if scheduler is None else None
        client.close()
        if cluster is not None:
            cluster.close()


def gather(client: Any, futures: list[Any]) -> list[Any]:
    try:
        return list(client.gather(futures))
    except Exception as exc:  # a worker died or a task raised: name it, keep the cause
        raise ServerError(
            Problem(
                "EG092", f"a shard task failed on the Dask cluster: {type(exc).__name__}: {exc}"
            )
        ) from exc


def map_shards(client: Any, fn: Callable[..., R], shards: Sequence[T], *args: Any) -> list[R]:
    """``fn(shard, *args)`` for every shard on the cluster, results in shard order."""
    return gather(client, [client.submit(fn, shard, *args, pure=False) for shard in shards])


# ------------------------------------------------------------------------------ extensions


def extension_tables() -> tuple[SchemaTable, ...]:
    """The tables this process knows beyond the published definitions: project extensions
    loaded with ``--schema-ext`` or ``eventgold.toml`` (and any table added at run time).

    Workers are other processes, often on other machines, whose registry holds only the
    published tables. The resolved tables (a few KB each, pickled with the task) are shipped
    rather than the definition path, which a worker may not see, or its text, which could
    only be rebuilt on a worker that also knows the table it extends.
    """
    return tuple(t for key, t in REGISTRY.tables.items() if key not in REGISTRY.versions)


def install_tables(tables: Sequence[SchemaTable]) -> None:
    """Runs on a worker before a shard task: make the client's extension tables known.
    Re-adding is cheap and keeps a long-lived worker from holding a stale edit of a table."""
    for table in tables:
        REGISTRY.add_table(table)


# ------------------------------------------------------------------------------ shard tasks


def id_digest(doc_id: str) -> bytes:
    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=16).digest()


@dataclass
class ShardOutcome:
    """What one shard sends back: its report and the little cross-record state."""

    file: str
    report: Report
    documents: list[tuple[bytes, int]] = field(default_factory=list)  # (id digest, line)
    clusters: list[_Cluster] = field(default_factory=list)


class _ShardValidator(Validator):
    """Per-record checks only; document ids leave the worker as digests."""

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[tuple[bytes, int]] = []

    def _remember_document(self, record: dict[str, Any], item: Item, out: list[Problem]) -> None:
        self.documents.append((id_digest(record_identity(record)), item.line))


def validate_shard(file: str, tables: Sequence[SchemaTable] = ()) -> ShardOutcome:
    install_tables(tables)
    validator = _ShardValidator()
    for item in read_items([file]):
        validator.feed(item)
    validator.report.files = 1
    return ShardOutcome(file, validator.report, validator.documents, validator.clusters)


def ids_at_lines(file: str, lines: set[int]) -> dict[int, str]:
    """The record identities at ``lines`` of ``file`` (second pass, duplicates only)."""
    out: dict[int, str] = {}
    for item in read_items([file]):
        if item.line in lines and isinstance(item.value, dict):
            out[item.line] = record_identity(item.value)
    return out


def events_of(file: str, wanted: set[str]) -> dict[str, dict[str, str]]:
    """Event id -> type of the wanted documents in ``file`` (second pass, clusters only)."""
    out: dict[str, dict[str, str]] = {}
    for item in read_items([file]):
        record = item.value
        if (
            isinstance(record, dict)
            and record.get("kind") == "document"
            and isinstance(record.get("document"), dict)
            and record["document"].get("id") in wanted
            and isinstance(record.get("events"), list)
        ):
            out.setdefault(
                record["document"]["id"],
                {
                    str(e.get("id")): str(e.get("type"))
                    for e in record["events"]
                    if isinstance(e, dict)
                },
            )
    return out


# ------------------------------------------------------------------------------ the client side


def _merge(outcomes: Sequence[ShardOutcome]) -> Validator:
    merged = Validator()
    report = merged.report
    for outcome in outcomes:
        part = outcome.report
        report.files += part.files
        report.records += part.records
        report.invalid_records += part.invalid_records
        report.codes.update(part.codes)
        room = report.max_problems - len(report.problems)
        report.problems.extend(part.problems[: max(room, 0)])
        merged.clusters.extend(outcome.clusters)
    return merged


def _duplicates(client: Any, outcomes: Sequence[ShardOutcome], merged: Validator) -> None:
    first: dict[bytes, tuple[str, int]] = {}
    repeats: list[tuple[bytes, str, int]] = []
    for outcome in outcomes:  # shard order = input order: the first occurrence wins
        for digest, line in outcome.documents:
            if digest in first:
                repeats.append((digest, outcome.file, line))
            else:
                first[digest] = (outcome.file, line)
    if not repeats:
        return
    lines_by_file: dict[str, set[int]] = {}
    for _, file, line in repeats:
        lines_by_file.setdefault(file, set()).add(line)
    files = sorted(lines_by_file)
    futures = [client.submit(ids_at_lines, f, lines_by_file[f], pure=False) for f in files]
    ids = dict(zip(files, gather(client, futures), strict=True))
    for digest, file, line in repeats:
        first_file, first_line = first[digest]
        problem = _duplicate_id(ids[file][line], first_file, first_line)
        merged.report.invalid_records += 1
        merged.report.add(problem.with_location(file, line))


def validate_shards(
    paths: Sequence[str],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    tables: Sequence[SchemaTable] | None = None,
) -> Report:
    """Validate files/folders of JSONL shards on Dask; the same report as :func:`validate_paths`.

    ``tables``: schema tables the workers must know besides the published ones (default: the
    extensions this process has loaded, see :func:`extension_tables`)."""
    files = expand_paths(paths)
    if STDIN in files:
        raise UsageError(Problem("EG093", "the dask backend reads files, not standard input"))
    shipped = tuple(extension_tables() if tables is None else tables)
    with dask_client(scheduler, workers) as client:
        outcomes = map_shards(client, validate_shard, files, shipped)
        merged = _merge(outcomes)
        _duplicates(client, outcomes, merged)
        if merged.clusters:
            wanted = {m["document"] for c in merged.clusters for m in c.record["members"]}
            events: dict[str, dict[str, str]] = {}
            for part in map_shards(client, events_of, files, wanted):
                for doc, types in part.items():
                    events.setdefault(doc, types)
            merged._check_clusters(events)
    return merged.report
