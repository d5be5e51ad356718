"""Pre-annotate sharded inputs on a Dask cluster (``eventgold preannotate --backend dask``).

Every input file is a shard (a JSONL file of documents, or a .txt document). One task per
shard annotates it on a worker, streaming, into ``part-NNNNN.jsonl`` of the output folder, and
``manifest.json`` lists each part with its input, counts, size and sha256. The folder is built
beside the target and swapped in only when every shard succeeded: a bad input anywhere leaves
the previous output untouched. On a multi-node cluster the inputs and the output's parent
folder must be on a file system every worker sees.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from eventgold.annotate.engine import Annotator
from eventgold.annotate.inputs import input_files
from eventgold.annotate.packs import DEFAULT_PACK
from eventgold.annotate.run import check_published, preannotate_paths
from eventgold.atomic import atomic_directory, atomic_write_text
from eventgold.errors import DataError, EventgoldError, Problem, UsageError
from eventgold.schema import SchemaTable, default_table
from eventgold.validate.distributed import dask_client, gather
from eventgold.validate.reader import STDIN

MANIFEST = "manifest.json"


class ShardEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: str
    output: str
    documents: int
    characters: int
    mentions: int
    events: int
    bytes: int
    sha256: str


class ShardManifest(BaseModel):
    """``manifest.json`` of a sharded pre-annotation output."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["eventgold-preannotate-shards"] = "eventgold-preannotate-shards"
    rules: str
    schema_id: str | None = None  # name@version the records were written for
    published: str | None
    documents: int
    mentions: int
    events: int
    seconds: float
    shards: list[ShardEntry]


@dataclass
class ShardResult:
    entry: ShardEntry | None = None
    problems: list[Problem] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def annotate_shard(
    source: str, part: str, published: str | None, pack: str, table: SchemaTable
) -> ShardResult:
    """Runs on a worker: annotate one shard into ``part`` (problems returned as data).

    ``table`` is the client's resolved table, shipped with the task: a project extension
    (``--schema-ext``) is not in a worker's registry, and its file may not be on the worker."""
    try:
        stats = preannotate_paths(
            [source], Path(part), published=published, pack=Path(pack), table=table
        )
    except EventgoldError as exc:
        return ShardResult(problems=exc.problems)
    out = Path(part)
    return ShardResult(
        ShardEntry(
            input=source,
            output=out.name,
            documents=stats.documents,
            characters=stats.characters,
            mentions=stats.mentions,
            events=stats.events,
            bytes=out.stat().st_size,
            sha256=_sha256(out),
        )
    )


def preannotate_shards(
    paths: list[str],
    out_dir: Path,
    *,
    published: str | None = None,
    pack: Path = DEFAULT_PACK,
    scheduler: str | None = None,
    workers: int = 2,
    table: SchemaTable | None = None,
) -> ShardManifest:
    """Annotate every shard under ``paths`` into the folder ``out_dir`` (atomically), with
    ``table`` (default: the latest base table; a project extension's for its records)."""
    published = check_published(published)
    table = table or default_table()
    Annotator.check(pack, table)  # a bad pack fails before any worker starts
    files = input_files(paths)
    if STDIN in files:
        raise UsageError(Problem("EG093", "the dask backend reads files, not standard input"))
    started = time.perf_counter()
    with atomic_directory(out_dir) as tmp, dask_client(scheduler, workers) as client:
        futures = [
            client.submit(
                annotate_shard,
                str(Path(source).resolve()),
                str(tmp / f"part-{index:05d}.jsonl"),
                published,
                str(Path(pack).resolve()),
                table,
                pure=False,
            )
            for index, source in enumerate(files)
        ]
        results: list[ShardResult] = gather(client, futures)
        problems = [p for r in results for p in r.problems]
        if problems:
            raise DataError(problems)
        entries = [r.entry for r in results if r.entry is not None]
        manifest = ShardManifest(
            rules=str(pack),
            schema_id=table.id,
            published=published,
            documents=sum(e.documents for e in entries),
            mentions=sum(e.mentions for e in entries),
            events=sum(e.events for e in entries),
            seconds=round(time.perf_counter() - started, 3),
            shards=entries,
        )
        atomic_write_text(tmp / MANIFEST, manifest.model_dump_json(indent=2) + "\n")
    return manifest
