"""Validate records, files and folders: structural + semantic + cross-record checks.

Streaming: records are checked one at a time; only document ids (for duplicate detection)
and cluster records are kept. Cluster members are resolved in a second pass over the
document files when clusters are present.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgold.errors import DataError, Problem
from eventgold.schema import REGISTRY, DocumentRecord, EventClusterRecord, SchemaTable
from eventgold.schema.registry import BASE_NAME
from eventgold.validate.reader import STDIN, STDIN_NAME, Item, expand_paths, read_items
from eventgold.validate.semantic import check_document_record
from eventgold.validate.structural import structural_validator

TableResolver = Callable[[str, str], SchemaTable]


def registry_resolver(name: str, version: str) -> SchemaTable:
    return REGISTRY.table(name, version)


@dataclass
class Report:
    """What a validation run found."""

    files: int = 0
    records: int = 0
    invalid_records: int = 0
    problems: list[Problem] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    max_problems: int = 10_000

    @property
    def ok(self) -> bool:
        return not self.codes

    def add(self, problem: Problem) -> None:
        self.codes[problem.code] += 1
        if len(self.problems) < self.max_problems:
            self.problems.append(problem)

    @property
    def problem_count(self) -> int:
        return sum(self.codes.values())

    def summary(self) -> str:
        state = "valid" if self.ok else "INVALID"
        return (
            f"{state}: {self.records} record(s) in {self.files} file(s), "
            f"{self.records - self.invalid_records} valid, {self.invalid_records} invalid, "
            f"{self.problem_count} problem(s)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": self.files,
            "records": self.records,
            "invalid_records": self.invalid_records,
            "problem_count": self.problem_count,
            "codes": dict(sorted(self.codes.items())),
            "summary": self.summary(),
            "problems": [p.to_dict() for p in self.problems],
        }


def _known_table(record: dict[str, Any], resolve: TableResolver) -> SchemaTable | Problem:
    name, version = record.get("schema_name"), record.get("schema_version")
    if not isinstance(name, str) or not isinstance(version, str):
        missing = "schema_name" if not isinstance(name, str) else "schema_version"
        return Problem("EG101", f"missing or non-string {missing!r}", f"$.{missing}")
    if not REGISTRY.known(name, version):
        message = f"unknown schema {name}@{version}"
        if name != BASE_NAME:
            message += (
                "; an extension's records validate with its definition file "
                "(--schema-ext FILE or [schema] extension in eventgold.toml)"
            )
        return Problem("EG110", message, "$.schema_version")
    return resolve(name, version)


def validate_record(record: Any, resolve: TableResolver = registry_resolver) -> list[Problem]:
    """Problems of one record on its own (no cross-record checks)."""
    if not isinstance(record, dict):
        return [Problem("EG008", f"a record must be a JSON object, not {type(record).__name__}")]
    table = _known_table(record, resolve)
    if isinstance(table, Problem):
        return [table]
    structural = structural_validator(table)
    if not structural.is_valid(record):
        return structural.problems(record) or [Problem("EG105", "record violates the JSON Schema")]
    if record["kind"] == "document":
        return check_document_record(record, table)
    members = record["members"]
    if record["event_type"] not in table.event_types:
        return [Problem("EG210", f"unknown event type {record['event_type']!r}", "$.event_type")]
    problems = []
    seen: set[str] = set()
    for index, member in enumerate(members):
        if member["document"] in seen:
            problems.append(
                Problem(
                    "EG225",
                    f"two members from document {member['document']!r}",
                    f"$.members[{index}]",
                )
            )
        seen.add(member["document"])
    return problems


@dataclass
class _Cluster:
    file: str
    line: int
    record: dict[str, Any]


class IdFilter:
    """A fixed-size Bloom filter of ids: "maybe seen" or "surely new", in constant memory.

    Keeping every document id of a multi-GB input would make memory grow with the input;
    the filter answers in 2 MiB whatever the input size, and the few "maybe" answers are
    confirmed exactly in a second pass over the files.
    """

    def __init__(self, bits: int = 1 << 24, hashes: int = 3) -> None:
        self.mask = bits - 1
        self.hashes = hashes
        self.bits = bytearray(bits // 8)

    def add(self, value: str) -> bool:
        """Add ``value``; True when it may have been added before."""
        first = hash(value)
        step = (first >> 32) | 1
        seen = True
        for index in range(self.hashes):
            position = (first + index * step) & self.mask
            byte, bit = position >> 3, 1 << (position & 7)
            if not self.bits[byte] & bit:
                seen = False
                self.bits[byte] |= bit
        return seen


@dataclass(frozen=True)
class _Suspect:
    document_id: str
    file: str
    line: int


class Validator:
    """Validates a stream of items and keeps the cross-record state in bounded memory.

    Per record only a Bloom-filter entry of its document id is kept (records read from stdin,
    which cannot be read twice, keep their ids and event types exactly). Possible duplicates
    and cluster members are resolved by :meth:`finish` in a second pass over the files.
    """

    def __init__(self, resolve: TableResolver = registry_resolver) -> None:
        self.resolve = resolve
        self.report = Report()
        self.id_filter = IdFilter()
        self.suspects: list[_Suspect] = []
        self.clusters: list[_Cluster] = []
        self.stdin_ids: dict[str, tuple[int, Any]] = {}  # identity -> (line, annotation)
        self.stdin_events: dict[str, dict[str, str]] = {}

    def feed(self, item: Item) -> None:
        self.report.records += 1
        if item.problem is not None:
            self.report.invalid_records += 1
            self.report.add(item.problem)
            return
        problems = validate_record(item.value, self.resolve)
        record = item.value
        if not problems:
            if record["kind"] == "document":
                self._remember_document(record, item, problems)
            else:
                self.clusters.append(_Cluster(item.file, item.line, record))
        if problems:
            self.report.invalid_records += 1
            for problem in problems:
                self.report.add(problem.with_location(item.file, item.line))

    def _remember_document(self, record: dict[str, Any], item: Item, out: list[Problem]) -> None:
        doc_id = record["document"]["id"]
        identity = record_identity(record)
        if item.file == STDIN_NAME:
            if identity in self.stdin_ids:
                out.append(_duplicate_id(identity, STDIN_NAME, self.stdin_ids[identity][0]))
                return
            self.stdin_ids[identity] = (item.line, record.get("annotation"))
            self.stdin_events.setdefault(doc_id, {e["id"]: e["type"] for e in record["events"]})
        if self.id_filter.add(identity):
            self.suspects.append(_Suspect(identity, item.file, item.line))

    def finish(self, files: list[str]) -> Report:
        """Second pass (only when needed): confirm duplicate ids, resolve cluster members."""
        wanted = {m["document"] for c in self.clusters for m in c.record["members"]}
        suspects = {s.document_id for s in self.suspects}
        if not wanted and not suspects:
            return self.report
        first_seen, events = self._scan_documents(files, wanted, suspects)
        self._confirm_duplicates(first_seen)
        if self.clusters:
            self._check_clusters(events)
        return self.report

    def _scan_documents(
        self, files: list[str], wanted: set[str], suspects: set[str]
    ) -> tuple[dict[str, tuple[str, int]], dict[str, dict[str, str]]]:
        first_seen: dict[str, tuple[str, int]] = {}
        events = {d: e for d, e in self.stdin_events.items() if d in wanted}
        for item in self._reread(files, suspects):
            record = item.value
            if not (
                isinstance(record, dict)
                and record.get("kind") == "document"
                and isinstance(record.get("document"), dict)
            ):
                continue
            doc_id = record["document"].get("id")
            identity = record_identity(record)
            if identity in suspects:
                first_seen.setdefault(identity, (item.file, item.line))
            if doc_id in wanted and isinstance(record.get("events"), list):
                events.setdefault(
                    doc_id,
                    {
                        str(e.get("id")): str(e.get("type"))
                        for e in record["events"]
                        if isinstance(e, dict)
                    },
                )
        return first_seen, events

    def _reread(self, files: list[str], suspects: set[str]) -> Iterator[Item]:
        """The inputs again, in order; stdin (read once) stands in by its remembered ids."""
        for file in files:
            if file != STDIN:
                yield from read_items([file])
                continue
            for identity, (line, annotation) in self.stdin_ids.items():
                if identity in suspects:
                    doc_id = identity.split(IDENTITY_SEPARATOR, 1)[0]
                    value = {
                        "kind": "document",
                        "document": {"id": doc_id},
                        "annotation": annotation,
                    }
                    yield Item(STDIN_NAME, line, value)

    def _confirm_duplicates(self, first_seen: dict[str, tuple[str, int]]) -> None:
        for suspect in self.suspects:
            first = first_seen.get(suspect.document_id)
            if first is None or first == (suspect.file, suspect.line):
                continue  # a false alarm of the filter: this is the first occurrence
            problem = _duplicate_id(suspect.document_id, *first)
            self.report.invalid_records += 1
            self.report.add(problem.with_location(suspect.file, suspect.line))

    def _check_clusters(self, events: dict[str, dict[str, str]]) -> None:
        owner: dict[tuple[str, str], str] = {}
        cluster_ids: set[str] = set()
        for cluster in self.clusters:
            record = cluster.record
            problems: list[Problem] = []
            if record["id"] in cluster_ids:
                problems.append(Problem("EG205", f"duplicate cluster id {record['id']!r}", "$.id"))
            cluster_ids.add(record["id"])
            for index, member in enumerate(record["members"]):
                path = f"$.members[{index}]"
                doc, event = member["document"], member["event"]
                if doc not in events:
                    problems.append(
                        Problem(
                            "EG220", f"no document {doc!r} among the inputs", path + ".document"
                        )
                    )
                    continue
                event_type = events.get(doc, {}).get(event)
                if event_type is None:
                    problems.append(
                        Problem(
                            "EG221", f"document {doc!r} has no event {event!r}", path + ".event"
                        )
                    )
                    continue
                if event_type != record["event_type"]:
                    problems.append(
                        Problem(
                            "EG222",
                            f"event {doc}/{event} is a {event_type}, the cluster a "
                            f"{record['event_type']}",
                            path + ".event",
                        )
                    )
                key = (doc, event)
                if key in owner and owner[key] != record["id"]:
                    problems.append(
                        Problem(
                            "EG223", f"event {doc}/{event} is also in cluster {owner[key]!r}", path
                        )
                    )
                owner.setdefault(key, record["id"])
            if problems:
                self.report.invalid_records += 1
                for problem in problems:
                    self.report.add(problem.with_location(cluster.file, cluster.line))


IDENTITY_SEPARATOR = "\x1f"


def record_identity(record: dict[str, Any]) -> str:
    """What must be unique per document record: the document id plus who annotated it.

    Several records of one document are normal (one per annotator, as ``studio pull`` writes
    them); the same document with the same annotation identity twice is a duplicate.
    """
    doc_id = str(record["document"].get("id"))
    annotation = record.get("annotation")
    if not isinstance(annotation, dict):
        return doc_id
    parts = (annotation.get(key) for key in ("source", "annotator", "task_id", "annotation_id"))
    return doc_id + IDENTITY_SEPARATOR + "|".join("" if p is None else str(p) for p in parts)


def _duplicate_id(identity: str, file: str, line: int) -> Problem:
    doc_id, _, annotation = identity.partition(IDENTITY_SEPARATOR)
    who = f" with the same annotation ({annotation})" if annotation else ""
    return Problem(
        "EG226", f"document id {doc_id!r}{who} already used at {file}:{line}", "$.document.id"
    )


def validate_items(
    items: Iterable[Item], files: list[str], resolve: TableResolver = registry_resolver
) -> Report:
    validator = Validator(resolve)
    for item in items:
        validator.feed(item)
    validator.report.files = len(files)
    return validator.finish(files)


def validate_paths(
    paths: Iterable[str | Path], resolve: TableResolver = registry_resolver
) -> Report:
    """Validate files, folders or ``-`` (stdin). Raises UsageError for missing paths."""
    files = expand_paths(paths)
    return validate_items(read_items(files), files, resolve)


def iter_valid_records(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Yield records from ``paths``; raise :class:`DataError` on the first invalid one."""
    files = expand_paths(paths)
    for item in read_items(files):
        if item.problem is not None:
            raise DataError(item.problem)
        problems = validate_record(item.value)
        if problems:
            raise DataError([p.with_location(item.file, item.line) for p in problems])
        yield item.value


@dataclass
class ValidRecords:
    """Records read from files and validated, as models: documents and event clusters, each
    in input order (several document records per document when several annotators)."""

    documents: list[DocumentRecord] = field(default_factory=list)
    clusters: list[EventClusterRecord] = field(default_factory=list)


def read_valid_records(paths: Iterable[str | Path]) -> ValidRecords:
    """The records of ``paths`` as models; raise :class:`DataError` on the first invalid one."""
    out = ValidRecords()
    for record in iter_valid_records(paths):
        if record["kind"] == "event_cluster":
            out.clusters.append(EventClusterRecord.model_validate(record))
        else:
            out.documents.append(DocumentRecord.model_validate(record))
    return out


def ensure_valid(paths: Iterable[str | Path]) -> Report:
    """Validate and raise :class:`DataError` carrying the problems if anything is invalid."""
    report = validate_paths(paths)
    if not report.ok:
        raise DataError(report.problems)
    return report
