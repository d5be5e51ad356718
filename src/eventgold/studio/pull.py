"""Pull a Label Studio project back into eventgold records.

The full JSON snapshot export (predictions and annotators as objects) is the only export that
keeps region ids, relations and the region link of per-region choices; JSON_MIN and CSV drop
them. Every annotation becomes one :class:`DocumentRecord` (``annotation.source =
"labelstudio"``, one per annotator), every prediction one record with ``source = "rules"``.
Strict by default: any problem fails the pull and nothing is written; ``lenient`` skips the
annotations with problems and reports them.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError

from eventgold.errors import DataError, Problem, UsageError
from eventgold.schema import (
    REGISTRY,
    AnnotationInfo,
    Document,
    DocumentRecord,
    Provenance,
    SchemaTable,
    text_sha256,
)
from eventgold.studio.client import StudioClient
from eventgold.studio.config import TEXT_NAME, StudioConfig, studio_config
from eventgold.studio.convert import (
    Content,
    ProvenancePolicy,
    Repair,
    ResultSource,
    results_to_content,
)
from eventgold.studio.lsjson import (
    DOC_ID_FIELD,
    META_KEY,
    DocumentMeta,
    LsAnnotation,
    LsPrediction,
    LsTask,
)
from eventgold.studio.offsets import OffsetMap
from eventgold.validate import validate_record

# ------------------------------------------------------------------ report (our file format)


class ProblemEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    message: str
    path: str


class SkippedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task_id: int | None
    kind: Literal["task", "annotation", "prediction"]
    item_id: int | None
    problems: list[ProblemEntry]


class RepairEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task_id: int
    kind: str
    item_id: int | None
    region_id: str
    reading: str
    start: int
    end: int


class PullReport(BaseModel):
    """Written beside the output: what was pulled, skipped (``--lenient``) and repaired."""

    model_config = ConfigDict(extra="forbid")

    source: str
    tasks: int
    annotations: int
    predictions: int
    records: int
    skipped: list[SkippedEntry]
    repairs: list[RepairEntry]


@dataclass
class PullResult:
    source: str
    records: list[DocumentRecord] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    tasks: int = 0
    annotations: int = 0
    predictions: int = 0

    def report(self) -> PullReport:
        return PullReport(
            source=self.source,
            tasks=self.tasks,
            annotations=self.annotations,
            predictions=self.predictions,
            records=len(self.records),
            skipped=self.skipped,
            repairs=[
                RepairEntry(
                    task_id=r.task_id,
                    kind=r.kind,
                    item_id=r.item_id,
                    region_id=r.region_id,
                    reading=r.reading,
                    start=r.start,
                    end=r.end,
                )
                for r in self.repairs
            ],
        )


# ------------------------------------------------------------------ reading the export


def parse_export(raw: bytes, source: str) -> list[LsTask]:
    """Tasks of a full JSON export; a truncated or foreign file is a precise error."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        truncated = exc.pos >= len(raw.rstrip()) - 1
        why = "truncated (ends inside a value)" if truncated else f"malformed: {exc.msg}"
        raise DataError(
            Problem(
                "EG501",
                f"export is {why} at line {exc.lineno} column {exc.colno}",
                "$",
                source,
                exc.lineno,
            )
        ) from None
    if not isinstance(data, list):
        raise DataError(
            Problem("EG502", "export must be a JSON array of tasks (full JSON export)", "$", source)
        )
    tasks: list[LsTask] = []
    problems: list[Problem] = []
    for index, value in enumerate(data):
        try:
            tasks.append(LsTask.model_validate(value))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
            task_id = value.get("id") if isinstance(value, dict) else None
            problems.append(
                Problem(
                    "EG502",
                    f"task {task_id}: {first['msg']} at {loc or 'task'}",
                    f"$[{index}]{loc}",
                    source,
                    extra={"task_id": task_id},
                )
            )
    if problems:
        raise DataError(problems)
    return tasks


def _annotator(annotation: LsAnnotation) -> str:
    who = annotation.completed_by
    if who is None:
        return "unknown"
    if isinstance(who, int):
        return f"user-{who}"
    return who.email or f"user-{who.id}"


def task_document(task: LsTask, index: int, source: str) -> Document | Problem:
    """The document of a task: text from ``data.text``, the rest from ``meta.eventgold``."""
    path = f"$[{index}]"
    text = task.data.get(TEXT_NAME)
    if not isinstance(text, str):
        return Problem(
            "EG502", f"task {task.id}: data.{TEXT_NAME} is not a string", f"{path}.data", source
        )
    raw_meta = (task.meta or {}).get(META_KEY)
    sha = text_sha256(text)
    try:
        meta = DocumentMeta.model_validate(raw_meta) if raw_meta is not None else None
    except ValidationError as exc:
        return Problem(
            "EG502",
            f"task {task.id}: meta.{META_KEY} is invalid: {exc.errors()[0]['msg']}",
            f"{path}.meta.{META_KEY}",
            source,
        )
    if meta is not None and meta.sha256 != sha:
        return Problem(
            "EG503",
            f"task {task.id}: text differs from document {meta.id!r} it was pushed as "
            f"(sha256 {meta.sha256[:12]}…, now {sha[:12]}…)",
            f"{path}.data.{TEXT_NAME}",
            source,
        )
    doc_id = meta.id if meta else str(task.data.get(DOC_ID_FIELD) or f"task-{task.id}")
    try:
        return Document(
            id=doc_id,
            text=text,
            sha256=sha,
            published=meta.published if meta else None,
            source=meta.source if meta else None,
            lang=meta.lang if meta else "en",
        )
    except ValidationError as exc:
        return Problem("EG502", f"task {task.id}: {exc.errors()[0]['msg']}", f"{path}.meta", source)


def readable_schemas(table: SchemaTable) -> frozenset[str]:
    """Ids of the schemas whose tasks ``table`` reads correctly: itself and every table it
    extends (an extension only adds, so the labels of its bases mean the same in it)."""
    ids = {table.id}
    base = table.base
    while base is not None and REGISTRY.known(*base):
        ids.add(f"{base[0]}@{base[1]}")
        base = REGISTRY.table(*base).base
    return frozenset(ids)


def schema_problem(
    task: LsTask, index: int, source: str, table: SchemaTable, readable: frozenset[str]
) -> Problem | None:
    """A task pushed with a schema that ``table`` does not contain would be mis-read.

    Its labels, roles and attributes would be looked up in the wrong table: an unknown label at
    best, at worst a record that silently claims a schema its annotation was not made in. Tasks
    without ``meta.eventgold.schema_id`` (not pushed by eventgold) are read with ``table``."""
    meta = (task.meta or {}).get(META_KEY)
    stored = meta.get("schema_id") if isinstance(meta, dict) else None
    if not isinstance(stored, str) or stored in readable:
        return None
    return Problem(
        "EG517",
        f"task {task.id} was pushed with schema {stored}, but this pull reads with {table.id}, "
        "which does not contain it",
        f"$[{index}].meta.{META_KEY}.schema_id",
        source,
        hint=f"Pull with the schema the project was pushed with ({stored}): --schema-ext FILE "
        "for an extension (it also reads tasks of the table it extends), or a version of "
        "eventgold that has it.",
    )


class _Converter:
    def __init__(
        self, table: SchemaTable, source: str, *, lenient: bool, predictions: bool
    ) -> None:
        self.table = table
        self.readable = readable_schemas(table)
        self.config: StudioConfig = studio_config(table)
        self.source = source
        self.lenient = lenient
        self.with_predictions = predictions
        self.result = PullResult(source)
        self.problems: list[Problem] = []

    def reject(
        self,
        task_id: int | None,
        kind: Literal["task", "annotation", "prediction"],
        item_id: int | None,
        problems: list[Problem],
    ) -> None:
        if not self.lenient:
            self.problems.extend(problems)
            return
        self.result.skipped.append(
            SkippedEntry(
                task_id=task_id,
                kind=kind,
                item_id=item_id,
                problems=[
                    ProblemEntry(code=p.code, message=p.message, path=p.path) for p in problems
                ],
            )
        )

    def record(
        self,
        document: Document,
        content: Content,
        annotation: AnnotationInfo,
        source: ResultSource,
    ) -> DocumentRecord | None:
        if content.problems:
            self.reject(source.task_id, source.kind, source.item_id, content.problems)
            return None
        record = DocumentRecord(
            schema_name=self.table.name,
            schema_version=self.table.version,
            document=document,
            mentions=content.mentions,
            events=content.events,
            annotation=annotation,
        )
        found = validate_record(record.model_dump(mode="json", exclude_none=True))
        if found:
            self.reject(
                source.task_id,
                source.kind,
                source.item_id,
                [source.problem("EG516", f"{p.code} {p.path}: {p.message}") for p in found],
            )
            return None
        self.result.repairs.extend(content.repairs)
        return record

    def task(self, index: int, task: LsTask) -> None:
        self.result.tasks += 1
        document = task_document(task, index, self.source)
        if isinstance(document, Problem):
            self.reject(task.id, "task", None, [document])
            return
        wrong_schema = schema_problem(task, index, self.source, self.table, self.readable)
        if wrong_schema is not None:
            self.reject(task.id, "task", None, [wrong_schema])
            return
        omap = OffsetMap(document.text)
        for position, annotation in enumerate(task.annotations):
            if annotation.was_cancelled:
                continue
            self.result.annotations += 1
            self._annotation(index, position, task, annotation, document, omap)
        if self.with_predictions:
            for position, prediction in enumerate(task.predictions):
                self.result.predictions += 1
                self._prediction(index, position, task, prediction, document, omap)

    def _annotation(
        self,
        index: int,
        position: int,
        task: LsTask,
        annotation: LsAnnotation,
        document: Document,
        omap: OffsetMap,
    ) -> None:
        who = _annotator(annotation)
        source = ResultSource(
            task.id,
            "annotation",
            annotation.id,
            f"$[{index}].annotations[{position}].result",
            self.source,
        )
        policy = ProvenancePolicy(
            Provenance(origin="annotator", annotators=[who]),
            use_extension=False,
            fill_default_attributes=True,
        )
        content = results_to_content(
            annotation.result, document.text, self.config, source, policy, omap=omap
        )
        info = AnnotationInfo(
            source="labelstudio",
            annotator=who,
            task_id=task.id,
            annotation_id=annotation.id,
            completed_at=annotation.updated_at or annotation.created_at,
            lead_time=annotation.lead_time,
            ground_truth=annotation.ground_truth,
        )
        record = self.record(document, content, info, source)
        if record is not None:
            self.result.records.append(record)

    def _prediction(
        self,
        index: int,
        position: int,
        task: LsTask,
        prediction: LsPrediction | int,
        document: Document,
        omap: OffsetMap,
    ) -> None:
        path = f"$[{index}].predictions[{position}]"
        if isinstance(prediction, int):
            problem = Problem(
                "EG502",
                f"task {task.id} prediction {prediction}: only the id was exported; export "
                "with serialization_options predictions.only_id=false (eventgold studio pull does)",
                path,
                self.source,
            )
            self.reject(task.id, "prediction", prediction, [problem])
            return
        version = prediction.model_version or None
        source = ResultSource(task.id, "prediction", prediction.id, f"{path}.result", self.source)
        score = (
            prediction.score
            if prediction.score is not None and 0 <= prediction.score <= 1
            else None
        )
        policy = ProvenancePolicy(
            Provenance(origin="rule", rules_version=version, score=score),
            use_extension=True,
            fill_default_attributes=False,
        )
        content = results_to_content(
            prediction.result, document.text, self.config, source, policy, omap=omap
        )
        info = AnnotationInfo(source="rules", rules_version=version, task_id=task.id)
        record = self.record(document, content, info, source)
        if record is not None:
            self.result.records.append(record)


def convert_export(
    tasks: Iterable[LsTask],
    table: SchemaTable,
    *,
    source: str = "<export>",
    lenient: bool = False,
    predictions: bool = True,
) -> PullResult:
    """Records of every annotation (and prediction) of the exported tasks.

    Strict: raises :class:`DataError` with every problem found. Lenient: skips the
    annotations/predictions/tasks with problems and lists them in ``result.skipped``.
    """
    converter = _Converter(table, source, lenient=lenient, predictions=predictions)
    for index, task in enumerate(tasks):
        converter.task(index, task)
    if converter.problems:
        raise DataError(converter.problems)
    return converter.result


def pull_project(
    client: StudioClient,
    project: str,
    table: SchemaTable,
    *,
    lenient: bool = False,
    predictions: bool = True,
) -> PullResult:
    """Export ``project`` (full JSON snapshot) and convert it."""
    info = client.project(project)
    raw = client.export_snapshot(info.id)
    source = f"{client.connection.url} project {project!r}"
    return convert_export(
        parse_export(raw, source), table, source=source, lenient=lenient, predictions=predictions
    )


def pull_file(
    path: Path, table: SchemaTable, *, lenient: bool = False, predictions: bool = True
) -> PullResult:
    """Convert a full JSON export downloaded earlier."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(Problem("EG006", f"no such file: {path}", "$", str(path))) from None
    return convert_export(
        parse_export(raw, str(path)),
        table,
        source=str(path),
        lenient=lenient,
        predictions=predictions,
    )


def default_report_path(out: Path) -> Path:
    return out.with_name(out.name + ".report.json")


def _temp_beside(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def write_pull(result: PullResult, out: Path, report: Path | None = None) -> Path:
    """Write the records as JSONL and the report as JSON: a pair that never contradicts itself.

    Two files cannot be renamed in one atomic step, so the order makes the pair safe: both are
    written in full to temporaries beside their targets (the slow part; an interruption there
    leaves the previous pair untouched), then the previous report is removed, the records are
    swapped in, and the report last. Whenever it stops, the disk holds the old pair, records
    without a report, or the new pair, never a report beside records it does not describe:
    a missing report is visible, a stale one would be believed (counts, skipped annotations).
    """
    report_path = report or default_report_path(out)
    records_tmp = _temp_beside(out)
    report_tmp = _temp_beside(report_path)
    try:
        with open(records_tmp, "w", encoding="utf-8", newline="\n") as handle:
            for record in result.records:
                data: dict[str, Any] = record.model_dump(mode="json", exclude_none=True)
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        with open(report_tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(result.report().model_dump_json(indent=2) + "\n")
        report_path.unlink(missing_ok=True)
        os.replace(records_tmp, out)
        os.replace(report_tmp, report_path)
    except BaseException:
        records_tmp.unlink(missing_ok=True)
        report_tmp.unlink(missing_ok=True)
        raise
    return report_path
