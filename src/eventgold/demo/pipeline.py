"""The main job end to end on the seed documents, as library calls (``eventgold demo``).

start (or reuse) the local Label Studio -> pre-annotate ``seeds/*.txt`` -> score the
pre-annotation against the hand gold -> push the documents with their predictions -> submit
the gold (reviewer) and a second annotator's copy as two users -> pull -> build the gold
dataset -> validate it.

Every step is idempotent: the server, the project, the tasks (keyed by text sha256) and the
annotations (stable ``unique_id``) are reused on a second run, and the build is deterministic,
so re-running changes nothing in ``exports/``. Each step reports its duration through an
optional :class:`Reporter`; the API token is never part of any result.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from eventgold.annotate import preannotate_paths
from eventgold.demo.annotators import submissions
from eventgold.errors import DataError, Problem, UsageError
from eventgold.evaluate import Evaluation, evaluate_records
from eventgold.gold.build import BuildResult, build_gold
from eventgold.gold.io import Inputs, read_inputs
from eventgold.schema import DocumentRecord, SchemaTable, default_table
from eventgold.studio import (
    PullResult,
    PushDocument,
    PushReport,
    ServerState,
    StudioClient,
    add_annotation,
    pull_project,
    push_documents,
    resolve_connection,
    server_status,
    start_server,
    write_pull,
)
from eventgold.studio.connection import DEFAULT_STATE_DIR
from eventgold.studio.server import ADMIN_EMAIL, DEFAULT_PORT, admin_password_path, token_path
from eventgold.validate import Report, validate_paths


@dataclass(frozen=True)
class DemoOptions:
    seeds: Path = Path("seeds")  # the .txt documents
    gold: Path = Path("seeds/gold")  # their hand gold and clusters
    output: Path = Path("exports")  # the gold dataset to (re)build
    state_dir: Path = DEFAULT_STATE_DIR  # the local Label Studio's data, token, log
    work_dir: Path = Path(".eventgold/demo")  # predictions and pulled records
    port: int = DEFAULT_PORT
    project: str = "eventgold demo"
    timeout: float = 600.0  # seconds to wait for a first start on a busy machine


@dataclass(frozen=True)
class Step:
    name: str
    seconds: float
    summary: str


class Reporter(Protocol):
    """Told when each step starts and ends (the CLI shows a spinner and timings)."""

    def started(self, name: str) -> AbstractContextManager[object]: ...

    def finished(self, step: Step) -> None: ...


@dataclass(frozen=True)
class Login:
    """How to open the project: the local demo admin (its password file is 0600)."""

    url: str
    project_url: str
    email: str
    password: str
    token_file: Path  # where the API token is stored; the token itself is never shown


@dataclass
class DemoResult:
    server: ServerState
    reused_server: bool
    login: Login
    predictions_file: Path
    strict: Evaluation
    overlap: Evaluation
    push: PushReport
    annotations_created: int
    annotations_existing: int
    pulled_file: Path
    pull: PullResult
    build: BuildResult
    validation: Report
    steps: list[Step] = field(default_factory=list)


class _Steps:
    def __init__(self, reporter: Reporter | None) -> None:
        self.reporter = reporter
        self.done: list[Step] = []

    @contextmanager
    def run(self, name: str) -> Iterator[list[str]]:
        """Time the block; it appends its one-line summary to the yielded list."""
        summary: list[str] = []
        began = time.perf_counter()
        shown = self.reporter.started(name) if self.reporter else nullcontext()
        with shown:
            yield summary
        step = Step(name, time.perf_counter() - began, "; ".join(summary))
        self.done.append(step)
        if self.reporter is not None:
            self.reporter.finished(step)


def _seed_texts(seeds: Path) -> list[Path]:
    texts = sorted(p for p in seeds.glob("*.txt") if not p.name.startswith("."))
    if not texts:
        raise UsageError(Problem("EG005", f"no .txt documents in {seeds}", "$", str(seeds)))
    return texts


def _read_records(path: Path) -> list[DocumentRecord]:
    with path.open(encoding="utf-8") as handle:
        return [DocumentRecord.model_validate_json(line) for line in handle if line.strip()]


def _read_gold(gold: Path) -> Inputs:
    inputs = read_inputs([gold])
    if not inputs.documents:
        raise UsageError(Problem("EG005", f"no gold records in {gold}", "$", str(gold)))
    return inputs


def push_tasks(
    predictions: Sequence[DocumentRecord], gold: Sequence[DocumentRecord]
) -> list[PushDocument]:
    """One task per seed text: the document as in the gold when there is one (it carries the
    publication date), with the rules' record as its prediction."""
    gold_docs = {r.document.id: r.document for r in gold}
    return [
        PushDocument(
            DocumentRecord(
                schema_name=p.schema_name,
                schema_version=p.schema_version,
                document=gold_docs.get(p.document.id, p.document),
            ),
            (p,),
        )
        for p in predictions
    ]


def run_demo(
    options: DemoOptions | None = None,
    reporter: Reporter | None = None,
    table: SchemaTable | None = None,
) -> DemoResult:
    """Run every step; raise the first typed error (nothing half-written in ``output``)."""
    options = options or DemoOptions()
    table = table or default_table()
    steps = _Steps(reporter)
    texts = _seed_texts(options.seeds)
    gold = _read_gold(options.gold)

    with steps.run("Label Studio") as note:
        reused = server_status(options.state_dir).healthy
        server = start_server(options.state_dir, port=options.port, timeout=options.timeout)
        token_file = token_path(options.state_dir.resolve())
        client = StudioClient(resolve_connection(server.url, token_file, options.state_dir))
        note.append(f"{'reused' if reused else 'started'} {server.url} (pid {server.pid})")

    predictions_file = options.work_dir / "predictions.jsonl"
    with steps.run("pre-annotate") as note:
        stats = preannotate_paths([str(p) for p in texts], predictions_file, table=table)
        predictions = _read_records(predictions_file)
        note.append(
            f"{stats.documents} document(s): {stats.mentions} mention(s), {stats.events} "
            f"event(s) -> {predictions_file}"
        )

    with steps.run("score pre-annotation") as note:
        strict = evaluate_records(gold.documents, predictions, "strict")
        overlap = evaluate_records(gold.documents, predictions, "overlap")
        note.append(
            f"mention F1 {strict.mentions.total.f1:.3f} strict / "
            f"{overlap.mentions.total.f1:.3f} overlap against {options.gold}"
        )

    with steps.run("push") as note:
        push = push_documents(
            client, push_tasks(predictions, gold.documents), options.project, table
        )
        note.append(
            f"project {options.project!r} (id {push.project_id}): {push.imported_tasks} task(s) "
            f"imported with {push.imported_predictions} prediction(s), "
            f"{push.already_present} already present"
        )

    with steps.run("submit annotations") as note:
        created = existing = 0
        for submission in submissions(gold.documents):
            annotation_id = add_annotation(
                client,
                options.project,
                submission.record,
                annotator_email=submission.annotator,
                ground_truth=submission.ground_truth,
                replace=True,  # a corrected gold updates the user's annotation, never adds one
            )
            created, existing = (
                (created + 1, existing) if annotation_id else (created, existing + 1)
            )
        note.append(
            f"{created} created or updated, {existing} already present "
            "(reviewer + second annotator)"
        )

    pulled_file = options.work_dir / "pulled.jsonl"
    with steps.run("pull") as note:
        pulled = pull_project(client, options.project, table)
        write_pull(pulled, pulled_file)
        note.append(
            f"{pulled.annotations} annotation(s), {pulled.predictions} prediction(s) from "
            f"{pulled.tasks} task(s) -> {pulled_file}"
        )

    with steps.run("build gold") as note:
        human = [r for r in pulled.records if _is_annotation(r)]
        build = build_gold(Inputs(human, gold.clusters), options.output, table=table)
        note.append(
            f"{len(build.records)} document(s), {len(build.clusters)} cluster(s), "
            f"{len(build.files)} file(s) -> {options.output}"
        )

    with steps.run("validate") as note:
        validation = validate_paths([options.output])
        if not validation.ok:
            raise DataError(validation.problems)
        note.append(f"{validation.records} record(s) valid")

    project_url = f"{server.url}/projects/{push.project_id}/data"
    login = Login(
        url=server.url,
        project_url=project_url,
        email=ADMIN_EMAIL,
        password=_read_password(options.state_dir),
        token_file=token_path(options.state_dir.resolve()),
    )
    return DemoResult(
        server=server,
        reused_server=reused,
        login=login,
        predictions_file=predictions_file,
        strict=strict,
        overlap=overlap,
        push=push,
        annotations_created=created,
        annotations_existing=existing,
        pulled_file=pulled_file,
        pull=pulled,
        build=build,
        validation=validation,
        steps=steps.done,
    )


def _is_annotation(record: DocumentRecord) -> bool:
    return record.annotation is not None and record.annotation.source == "labelstudio"


def _read_password(state_dir: Path) -> str:
    return admin_password_path(state_dir.resolve()).read_text(encoding="utf-8").strip()
