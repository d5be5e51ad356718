"""Streaming pre-annotation of many documents, in one process or several.

Documents are read lazily, annotated in batches and written as JSONL to a temporary file
that replaces the output only when every input was readable: a bad input line leaves no
partial output behind. With ``workers > 1`` batches go to a process pool through a bounded
window, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

import orjson

from eventgold.annotate.collector import long_run, tune_for_long_run
from eventgold.annotate.engine import Annotator
from eventgold.annotate.inputs import input_files, read_documents
from eventgold.annotate.normalize import import_dateparser
from eventgold.annotate.packs import DEFAULT_PACK
from eventgold.atomic import atomic_output
from eventgold.errors import DataError, Problem, UsageError
from eventgold.schema import Document, SchemaTable, default_table

BATCH_CHARS = 2_000_000  # text per batch sent to a worker
Progress = Callable[[int, int], None]  # (documents done, characters done)


@dataclass
class RunStats:
    documents: int = 0
    characters: int = 0
    mentions: int = 0
    events: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)


def check_published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(
            Problem("EG412", f"--published {value!r} is not an ISO date YYYY-MM-DD", "$")
        ) from None


def preannotate_paths(
    paths: Iterable[str | Path],
    output: Path,
    *,
    published: str | None = None,
    workers: int = 1,
    pack: Path = DEFAULT_PACK,
    table: SchemaTable | None = None,
    progress: Progress | None = None,
) -> RunStats:
    """Annotate every document under ``paths`` into the JSONL file ``output`` (atomically)."""
    published = check_published(published)
    table = table or default_table()
    Annotator.check(pack, table)  # a bad pack fails before any input is read
    files = input_files(paths)
    stats = RunStats()
    started = time.perf_counter()

    def documents() -> Iterator[Document]:
        for item in read_documents(files):
            if item.problem is not None:
                stats.problems.append(item.problem)
            elif item.document is not None:
                doc = item.document
                if published is not None:
                    doc = doc.model_copy(update={"published": published})
                yield doc

    with atomic_output(output) as tmp, open(tmp, "w", encoding="utf-8") as out:
        for line, chars, mentions, events in annotate_lines(documents(), workers, pack, table):
            out.write(line)
            out.write("\n")
            stats.documents += 1
            stats.characters += chars
            stats.mentions += mentions
            stats.events += events
            if progress is not None:
                progress(stats.documents, stats.characters)
        if stats.problems:
            raise DataError(stats.problems)
    stats.seconds = time.perf_counter() - started
    return stats


Line = tuple[str, int, int, int]  # JSON, characters, mentions, events

_WORKER: Annotator | None = None


def _init_worker(pack: Path, table: SchemaTable) -> None:
    global _WORKER
    _WORKER = Annotator(pack, table)
    tune_for_long_run()


def _annotate_batch(batch: list[Document]) -> list[Line]:
    assert _WORKER is not None
    return list(_lines(_WORKER, batch))


def _lines(annotator: Annotator, documents: Iterable[Document]) -> Iterator[Line]:
    for record in annotator.annotate_json(documents):
        yield (
            orjson.dumps(record).decode("utf-8"),
            len(record["document"]["text"]),
            len(record["mentions"]),
            len(record["events"]),
        )


def _batches(documents: Iterable[Document], limit: int = BATCH_CHARS) -> Iterator[list[Document]]:
    batch: list[Document] = []
    size = 0
    for doc in documents:
        batch.append(doc)
        size += len(doc.text)
        if size >= limit or len(batch) >= 2_000:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def annotate_lines(
    documents: Iterable[Document], workers: int, pack: Path, table: SchemaTable
) -> Iterator[Line]:
    """JSON lines in input order; ``workers`` processes, at most 2 batches each in flight."""
    if workers <= 1:
        annotator = Annotator(pack, table)
        with long_run():
            yield from _lines(annotator, documents)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        import_dateparser()  # imported lazily elsewhere; forked workers share this import
    with context.Pool(workers, initializer=_init_worker, initargs=(pack, table)) as pool:
        window: deque[AsyncResult[list[Line]]] = deque()
        for batch in _batches(documents):
            window.append(pool.apply_async(_annotate_batch, (batch,)))
            while len(window) >= 2 * workers:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
