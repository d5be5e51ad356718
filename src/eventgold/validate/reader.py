"""Stream records out of JSONL/JSON files, folders and stdin, reporting read errors as data.

Reading never raises for bad content: every item is either a parsed JSON value with its
location or a :class:`Problem` (malformed JSON, not UTF-8, BOM, empty file ...). Only a path
that does not exist or a folder without data files is a :class:`UsageError`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from eventgold.errors import Problem, UsageError

DATA_SUFFIXES = (".jsonl", ".json", ".ndjson")
MAX_RECORD_BYTES = 64 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Item:
    """One record read from the input, or the problem that prevented reading it."""

    file: str
    line: int
    value: Any = None
    problem: Problem | None = None


def expand_paths(
    paths: Iterable[str | Path],
    suffixes: tuple[str, ...] = DATA_SUFFIXES,
    *,
    described: str = ".jsonl/.json",
    dataset_manifests: bool = True,
) -> list[str]:
    """Files to read, in a stable order: folders expand to their files with ``suffixes``
    (recursively; ``described`` names them in the EG005 error). With ``dataset_manifests`` a
    built dataset folder expands to the record files its manifest lists."""
    out: list[str] = []
    for raw in paths:
        if str(raw) == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        dataset_records = _dataset_records(path) if dataset_manifests and path.is_dir() else None
        if dataset_records is not None:
            out.extend(dataset_records)
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in suffixes and not p.name.startswith(".")
            )
            if not found:
                raise UsageError(
                    Problem("EG005", f"no {described} files in folder {path}", "$", str(path))
                )
            out.extend(str(p) for p in found)
        elif path.is_file():
            out.append(str(path))
        else:
            raise UsageError(Problem("EG006", f"no such file or folder: {path}", "$", str(path)))
    return out


DATASET_MANIFEST = "manifest.json"
DATASET_MANIFEST_KIND = "eventgold-dataset-manifest"


def _dataset_records(folder: Path) -> list[str] | None:
    """The record files a built dataset's manifest lists, or None when ``folder`` is no dataset.

    A dataset folder (``eventgold gold build``) also holds other formats (DyGIE++, OneIE, ...)
    as .json/.jsonl that are not eventgold records; its manifest says which files are.
    """
    try:
        manifest = json.loads((folder / DATASET_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("kind") != DATASET_MANIFEST_KIND:
        return None
    records = manifest.get("records")
    if not isinstance(records, list) or not all(isinstance(r, str) for r in records):
        return None
    files = [folder / r for r in sorted(records)]
    for file in files:
        if not file.is_file():
            raise UsageError(
                Problem(
                    "EG006", f"the dataset manifest lists a missing file: {file}", "$", str(file)
                )
            )
    return [str(f) for f in files]


def read_items(files: Iterable[str], max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Item]:
    for file in files:
        if file == STDIN:
            yield from _read_stream(sys.stdin.buffer, STDIN_NAME, max_record_bytes, jsonl=True)
        else:
            with open(file, "rb") as handle:
                yield from _read_stream(
                    handle, file, max_record_bytes, jsonl=not file.endswith(".json")
                )


def _problem(code: str, message: str, file: str, line: int) -> Item:
    return Item(file, line, problem=Problem(code, message, "$", file, line))


def _parse_problem(raw: bytes, exc: json.JSONDecodeError, file: str, line: int) -> Item:
    """Tell bytes that are not UTF-8 (EG002) from malformed JSON (EG001)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return _problem("EG002", f"byte {bad.start} is not UTF-8 ({bad.reason})", file, line)
    if raw.endswith(b"\n"):  # a JSONL line: locate the error within the line, not after it
        try:
            orjson.loads(raw.rstrip(b"\r\n"))
        except json.JSONDecodeError as again:
            exc = again
    where = f"line {exc.lineno} column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
    return _problem("EG001", f"malformed JSON: {exc.msg} at {where}", file, line + exc.lineno - 1)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``handle``, each cut after ``limit`` bytes (plus a BOM allowance).

    A longer line yields only its head (which the caller reports as too large) and the rest
    is skipped in chunks, so one huge line never sits in memory whole.
    """
    readline = handle.readline
    cap = limit + len(BOM) + 1
    while True:
        raw = readline(cap)
        if not raw:
            return
        if len(raw) == cap and not raw.endswith(b"\n"):
            rest = raw
            while rest and not rest.endswith(b"\n"):
                rest = readline(1 << 20)
        yield raw


def _read_stream(handle: BinaryIO, file: str, limit: int, *, jsonl: bool) -> Iterator[Item]:
    if not jsonl:
        yield from _read_json_document(handle, file, limit)
        return
    seen_any = False
    loads = orjson.loads
    for number, raw in enumerate(_bounded_lines(handle, limit), start=1):
        if number == 1 and raw.startswith(BOM):
            yield _problem("EG003", "file starts with a UTF-8 byte order mark", file, 1)
            raw = raw[3:]
        if len(raw) > limit:
            yield _problem(
                "EG007", f"record is larger than the limit of {limit} bytes", file, number
            )
            seen_any = True
            continue
        try:
            # orjson checks UTF-8 itself: no separate decode on the hot path.
            value = loads(raw)
        except json.JSONDecodeError as exc:
            if not raw.strip():
                continue
            seen_any = True
            yield _parse_problem(raw, exc, file, number)
            continue
        seen_any = True
        yield Item(file, number, value)
    if not seen_any:
        yield _problem("EG004", "no records (empty input)", file, 1)


def _read_json_document(handle: BinaryIO, file: str, limit: int) -> Iterator[Item]:
    """A ``.json`` file holds one record or an array of records."""
    raw = handle.read(limit + 1)
    if raw.startswith(BOM):
        yield _problem("EG003", "file starts with a UTF-8 byte order mark", file, 1)
        raw = raw[3:]
    if len(raw) > limit:
        yield _problem("EG007", f"file is larger than {limit} bytes; use JSONL", file, 1)
        return
    if not raw.strip():
        yield _problem("EG004", "no records (empty input)", file, 1)
        return
    try:
        value = orjson.loads(raw)
    except json.JSONDecodeError as exc:
        yield _parse_problem(raw, exc, file, 1)
        return
    if isinstance(value, list):
        if not value:
            yield _problem("EG004", "no records (empty array)", file, 1)
        for index, element in enumerate(value, start=1):
            yield Item(file, index, element)
    else:
        yield Item(file, 1, value)
