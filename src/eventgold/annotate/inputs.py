"""Documents to pre-annotate, streamed from .txt files, folders and JSONL.

A ``.txt`` file is one document: id = file stem, text = the content exactly as decoded (no
strip, no newline normalization). A JSONL line holds a Document object (``id``, ``text``,
optional ``published``, ``source``, ``lang``; ``sha256`` is computed when absent) or a whole
DocumentRecord, whose document is taken. Problems are yielded as data, not raised, so the
caller can report all of them and write nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventgold.errors import Problem
from eventgold.schema import Document, new_document
from eventgold.schema.models import ID_PATTERN
from eventgold.validate import read_items
from eventgold.validate.reader import STDIN, expand_paths

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Input:
    """One document read, or the problem that prevented reading it."""

    document: Document | None = None
    problem: Problem | None = None


def input_files(paths: Iterable[str | Path]) -> list[str]:
    """Files to read in a stable order; folders expand to their .txt and .jsonl files."""
    return expand_paths(
        paths, TEXT_SUFFIXES + JSONL_SUFFIXES, described=".txt or .jsonl", dataset_manifests=False
    )


def read_documents(files: Iterable[str]) -> Iterator[Input]:
    for file in files:
        if file != STDIN and Path(file).suffix in TEXT_SUFFIXES:
            yield _read_text(Path(file))
        else:
            yield from _read_jsonl(file)


def _read_text(path: Path) -> Input:
    file = str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Input(
            problem=Problem(
                "EG410",
                f"byte {exc.start} is not UTF-8 ({exc.reason}); re-encode the file",
                "$",
                file,
            )
        )
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is an encoding marker, not text
    if not _ID.match(path.stem) or len(path.stem) > 200:
        return Input(
            problem=Problem(
                "EG413", f"file name {path.stem!r} is not a valid document id", "$", file
            )
        )
    return Input(document=new_document(path.stem, text))


def _read_jsonl(file: str) -> Iterator[Input]:
    for item in read_items([file]):
        if item.problem is not None:
            yield Input(problem=item.problem)
            continue
        document = _document_of(item.value, item.file, item.line)
        yield document


def _document_of(value: Any, file: str, line: int) -> Input:
    if not isinstance(value, dict):
        return Input(problem=Problem("EG411", "a line must be a JSON object", "$", file, line))
    base = "$"
    if value.get("kind") == "document" or "document" in value:
        value, base = value.get("document"), "$.document"
        if not isinstance(value, dict):
            return Input(problem=Problem("EG411", "document must be an object", base, file, line))
    data = dict(value)
    if "sha256" not in data and isinstance(data.get("text"), str):
        data["sha256"] = new_document("x", data["text"]).sha256
    try:
        document = Document.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        path = base + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        return Input(problem=Problem("EG411", f"not a Document: {err['msg']}", path, file, line))
    if document.sha256 != new_document("x", document.text).sha256:
        return Input(
            problem=Problem("EG411", "sha256 does not match the text", base + ".sha256", file, line)
        )
    return Input(document=document)
