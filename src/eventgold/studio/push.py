"""Push documents (and their rule predictions) to a Label Studio project, idempotently.

The task key is the document's sha256, stored as ``data.eventgold_key``. Before importing,
the keys already in the project are looked up (Data Manager filter, ``equal``), so pushing the
same documents twice creates nothing new, and a push interrupted between batches resumes where
it stopped. A batch whose import timed out is re-checked against the server before it is sent
again, so a retry cannot duplicate what the first attempt already stored.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventgold.errors import DataError, Problem, UsageError
from eventgold.schema import REGISTRY, DocumentRecord, SchemaTable, new_document
from eventgold.studio.client import ImportResult, StudioClient
from eventgold.studio.config import label_config_xml, studio_config
from eventgold.studio.convert import document_task, record_results
from eventgold.studio.lock import push_lock
from eventgold.validate import read_items, validate_record
from eventgold.validate.reader import expand_paths

DEFAULT_BATCH_SIZE = 500
Progress = Callable[[int, int], None]  # (documents done, documents total)


@dataclass(frozen=True)
class PushDocument:
    """One task to push: the document, and records over it to import as predictions."""

    record: DocumentRecord
    predictions: tuple[DocumentRecord, ...] = ()

    @property
    def key(self) -> str:
        return self.record.document.sha256


@dataclass
class PushReport:
    project_id: int
    project: str
    created_project: bool = False
    config_updated: bool = False
    documents: int = 0
    already_present: int = 0
    imported_tasks: int = 0
    imported_predictions: int = 0
    batches: int = 0
    task_ids: list[int] = field(default_factory=list)


def _text_record(path: Path, table: SchemaTable) -> DocumentRecord:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            Problem("EG002", f"byte {exc.start} is not UTF-8 ({exc.reason})", "$", str(path))
        ) from None
    return DocumentRecord(
        schema_name=table.name,
        schema_version=table.version,
        document=new_document(path.stem, text),
    )


def _input_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    texts: list[Path] = []
    data: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if not p.name.startswith("."))
            texts.extend(found)
            if any(path.rglob("*.json*")):
                data.extend(expand_paths([path]))
            elif not found:
                raise UsageError(
                    Problem("EG005", f"no .txt or record files in folder {path}", "$", str(path))
                )
        elif path.suffix == ".txt":
            if not path.is_file():
                raise UsageError(Problem("EG006", f"no such file: {path}", "$", str(path)))
            texts.append(path)
        else:
            data.extend(expand_paths([path]))
    return texts, data


def load_documents(paths: Iterable[str | Path], table: SchemaTable) -> list[PushDocument]:
    """Tasks to push from ``.txt`` files (id = file stem, text as is) and record files.

    Records are validated first. Records over the same text are grouped into one task: the
    first gives the document, every record with mentions or events becomes a prediction.
    """
    texts, data_files = _input_files(paths)
    records: list[tuple[DocumentRecord, str]] = [(_text_record(p, table), str(p)) for p in texts]
    problems: list[Problem] = []
    for item in read_items(data_files):
        if item.problem is not None:
            problems.append(item.problem)
            continue
        found = validate_record(item.value)
        if found:
            problems.extend(p.with_location(item.file, item.line) for p in found)
            continue
        if item.value.get("kind", "document") != "document":
            continue  # cluster records have no task
        records.append((DocumentRecord.model_validate(item.value), f"{item.file}:{item.line}"))
    if problems:
        raise DataError(problems)
    return group_documents(records)


def same_text_problem(doc_id: str, first_id: str, first_where: str, where: str) -> Problem:
    """Two ids over one text. The task key stays the text's sha256 (DESIGN.md): it is what
    finds a task again on a re-push or a resumed push, whatever ids the inputs carry, so one
    text is one task. Say so, and what to do, instead of pushing one and dropping the other."""
    return Problem(
        "EG521",
        f"document {doc_id!r} has the same text as {first_id!r} ({first_where}): a Label Studio "
        "task is keyed by the sha256 of its text, so identical texts are one task and "
        f"{doc_id!r} cannot be pushed beside {first_id!r}",
        "$.document.id",
        where,
        hint=f"De-duplicate the inputs: push one of {first_id!r} and {doc_id!r} (eventgold gold "
        "dedup lists documents with the same or nearly the same text).",
    )


def group_documents(records: Sequence[tuple[DocumentRecord, str]]) -> list[PushDocument]:
    """One :class:`PushDocument` per text, refusing ids and texts that disagree."""
    by_key: dict[str, tuple[DocumentRecord, list[DocumentRecord]]] = {}
    first_seen: dict[str, str] = {}  # key -> where its first document came from
    key_of_id: dict[str, tuple[str, str]] = {}
    problems: list[Problem] = []
    for record, where in records:
        doc = record.document
        seen = key_of_id.get(doc.id)
        if seen is not None and seen[0] != doc.sha256:
            problems.append(
                Problem(
                    "EG521",
                    f"document {doc.id!r} has a different text than in {seen[1]}",
                    "$.document.text",
                    where,
                )
            )
            continue
        key_of_id[doc.id] = (doc.sha256, where)
        if doc.sha256 in by_key:
            first, predictions = by_key[doc.sha256]
            if first.document.id != doc.id:
                problems.append(
                    same_text_problem(doc.id, first.document.id, first_seen[doc.sha256], where)
                )
                continue
        else:
            by_key[doc.sha256] = (record, [])
            first_seen[doc.sha256] = where
            predictions = by_key[doc.sha256][1]
        if record.mentions or record.events:
            predictions.append(record)
    if problems:
        raise DataError(problems)
    return [PushDocument(first, tuple(preds)) for first, preds in by_key.values()]


def ensure_project(
    client: StudioClient, title: str, table: SchemaTable
) -> tuple[int, bool, bool, int]:
    """(project id, created, config updated, task count) with the generated config in place."""
    xml = label_config_xml(table)
    project = client.find_project(title)
    if project is None:
        created = client.create_project(
            title, xml, description=f"eventgold {table.id}: documents pushed by eventgold"
        )
        return created.id, True, False, 0
    updated = False
    if client.label_config(project.id).strip() != xml.strip():
        client.set_label_config(project.id, xml)
        updated = True
    return project.id, False, updated, project.task_count


def push_documents(
    client: StudioClient,
    documents: Sequence[PushDocument],
    project: str,
    table: SchemaTable,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> PushReport:
    """Create or update ``project`` and import the documents it does not hold yet.

    Holds the project's push lock: a concurrent push of the same project waits, then finds
    the keys this one imported, so the two cannot create duplicate tasks."""
    with push_lock(client.connection.url, project):
        return _push_unlocked(
            client, documents, project, table, batch_size=batch_size, progress=progress
        )


def _push_unlocked(
    client: StudioClient,
    documents: Sequence[PushDocument],
    project: str,
    table: SchemaTable,
    *,
    batch_size: int,
    progress: Progress | None,
) -> PushReport:
    if batch_size < 1:
        raise UsageError(Problem("EG520", "batch size must be at least 1"))
    config = studio_config(table)
    project_id, created, updated, task_count = ensure_project(client, project, table)
    report = PushReport(project_id, project, created, updated, documents=len(documents))
    keys = [d.key for d in documents]
    existing = client.keys_in_project(project_id, keys) if task_count else {}
    report.already_present = sum(1 for k in keys if k in existing)
    todo = [d for d in documents if d.key not in existing]
    done = report.already_present
    if progress is not None:
        progress(done, len(documents))
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        pending = [document_task(d.record, config, d.predictions) for d in batch]
        pending_keys = [d.key for d in batch]

        def drop_imported(_retry: int, pending: list = pending, keys: list = pending_keys) -> None:  # type: ignore[type-arg]
            # A timed-out import may have been stored: send only what is still missing.
            present = client.keys_in_project(project_id, keys)
            kept = [(t, k) for t, k in zip(pending, keys, strict=True) if k not in present]
            pending[:] = [t for t, _ in kept]
            keys[:] = [k for _, k in kept]

        result = (
            client.import_tasks(project_id, pending, before_retry=drop_imported)
            if pending
            else ImportResult(0, 0, ())
        )
        report.batches += 1
        report.imported_tasks += result.task_count
        report.imported_predictions += result.prediction_count
        report.task_ids.extend(result.task_ids)
        done += len(batch)
        if progress is not None:
            progress(done, len(documents))
    return report


def annotation_id_for(task_id: int, key: str, annotator: str, results: object) -> str:
    """A stable ``unique_id``: the same record annotated again by the same user on the same
    task is a no-op. Label Studio keeps ``unique_id`` unique server-wide, so the task id is
    part of it: the same document in another project gets its own annotation."""
    payload = json.dumps([task_id, key, annotator, results], sort_keys=True, ensure_ascii=False)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "eventgold:" + payload))


def _canonical(results: object) -> str:
    return json.dumps(results, sort_keys=True, ensure_ascii=False)


def add_annotation(
    client: StudioClient,
    project: str,
    record: DocumentRecord,
    *,
    annotator_email: str | None = None,
    ground_truth: bool = False,
    lead_time: float | None = None,
    replace: bool = False,
) -> int | None:
    """Store ``record``'s mentions and events as an annotation of its task, attributed to
    ``annotator_email`` (created in the organization if needed; default: the token's user).

    For importing existing hand annotations and for tests/demos; annotators normally work
    in the editor. Returns the annotation id, or None if the same annotation exists already.
    With ``replace``, a different annotation this user already has on the task is updated in
    place (its id is returned) instead of a second one being added: re-importing a corrected
    record then leaves one annotation per user.
    """
    info = client.project(project)
    key = record.document.sha256
    task_id = client.keys_in_project(info.id, [key]).get(key)
    if task_id is None:
        raise DataError(
            Problem(
                "EG520",
                f"document {record.document.id!r} is not a task of project {project!r}; push it first",
            )
        )
    user = client.ensure_user(annotator_email) if annotator_email else client.whoami()
    table = REGISTRY.table(record.schema_name, record.schema_version)
    results = record_results(record, studio_config(table))
    unique_id = annotation_id_for(task_id, key, user.email, results)
    if replace:
        # The API does not return unique_id: recognize the same annotation by its content.
        mine = [a for a in client.annotations(task_id) if a.completed_by == user.id]
        wanted = _canonical(results)
        if any(_canonical(a.result) == wanted and a.ground_truth == ground_truth for a in mine):
            return None
        if mine:
            client.update_annotation(
                mine[0].id, results, ground_truth=ground_truth, unique_id=unique_id
            )
            return mine[0].id
    return client.create_annotation(
        task_id,
        results,
        completed_by=user.id,
        lead_time=lead_time,
        ground_truth=ground_truth,
        unique_id=unique_id,
    )
