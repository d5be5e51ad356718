"""Errors as data: stable codes, locations, messages, hints.

Every problem eventgold reports about user input is a :class:`Problem` with a stable code from
:data:`CODES`. The library raises :class:`EventgoldError` subclasses that carry problems; only
the CLI turns them into exit codes (0 ok, 1 invalid data, 2 usage, 3 server/IO).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_SERVER = 3


@dataclass(frozen=True)
class Code:
    """A documented error code."""

    code: str
    title: str
    hint: str
    exit_code: int = EXIT_INVALID


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


# The code table reads best one code per line.
# fmt: off
CODES: dict[str, Code] = _codes(
    # EG0xx: reading input
    Code("EG001", "malformed JSON", "Check the record is one complete JSON value per line."),
    Code("EG002", "not UTF-8", "Re-encode the file as UTF-8."),
    Code("EG003", "byte order mark", "Save the file as UTF-8 without BOM."),
    Code("EG004", "empty input", "The file or stream holds no records."),
    Code("EG005", "no data files", "Point at .jsonl/.json files or a folder that holds some.", 2),
    Code("EG006", "file not found", "Check the path.", 2),
    Code("EG007", "record too large", "Records are limited in size; split the document."),
    Code("EG008", "not a record", "Each JSON value must be an object (a record)."),
    Code("EG009", "invalid option value", "See the command's --help for the accepted values.", 2),
    # EG09x: distributed backend (Dask) for validate and preannotate
    Code("EG090", "dask not installed", "Install the [dask] extra: pip install 'eventgold[dask]'.", 2),
    Code("EG091", "Dask scheduler unreachable", "Check --scheduler (tcp://host:8786) and the network.", 3),
    Code("EG092", "shard task failed", "A worker died or raised; see the message and the worker logs.", 3),
    Code("EG093", "backend needs files", "The dask backend reads files or folders, not standard input.", 2),
    Code("EG094", "invalid backend option", "Use --backend local or --backend dask [--scheduler ADDRESS].", 2),
    # EG1xx: structure (JSON Schema)
    Code("EG101", "missing field", "Add the required field."),
    Code("EG102", "unknown field", "Remove the field or fix its spelling; records are strict."),
    Code("EG103", "wrong type", "Use the JSON type the schema names."),
    Code("EG104", "value not allowed", "Use one of the values the schema lists."),
    Code("EG105", "constraint violated", "See the message for the failed constraint."),
    Code("EG110", "unknown schema version", "Use a published version or upgrade the record."),
    Code("EG111", "unknown record kind", "kind must be 'document' or 'event_cluster'."),
    # EG2xx: semantics
    Code("EG201", "offset out of range", "start/end must lie within the document text."),
    Code("EG202", "reversed offsets", "start must be < end."),
    Code("EG203", "span text mismatch", "text must equal document.text[start:end] (code points)."),
    Code("EG204", "sha256 mismatch", "Recompute sha256 over the UTF-8 encoded text."),
    Code("EG205", "duplicate id", "Ids must be unique within their scope."),
    Code("EG206", "dangling reference", "Reference an id that exists in the same record."),
    Code("EG207", "role not allowed", "Use a role the event type defines (eventgold schema show)."),
    Code("EG208", "mention type not allowed for role", "Check the role's allowed mention types."),
    Code("EG209", "cardinality violated", "Check the role's min/max number of arguments."),
    Code("EG210", "unknown event type", "Use an event type the schema defines."),
    Code("EG211", "invalid place code", "Use an ISO 3166-1 alpha-3 or ISO 3166-2 code."),
    Code("EG212", "invalid date", "Use an ISO 8601 date, month, year, week or interval A/B."),
    Code("EG213", "invalid quantity", "Use e.g. '10000', '~10000', '>=1000', '1000..9999 troops'."),
    Code("EG214", "invalid money", "Use '<amount> <ISO 4217 currency>', e.g. '1500000 USD'."),
    Code("EG215", "unknown mention type", "Use a mention type the schema defines."),
    Code("EG216", "attribute not allowed", "Use attributes and values the event type defines."),
    Code("EG217", "overlapping duplicate span", "Two mentions with the same span and type."),
    Code("EG218", "empty name normalization", "Leave normalized null rather than empty."),
    # EG22x: cross-document clusters
    Code("EG220", "cluster member document missing", "Validate clusters with their documents."),
    Code("EG221", "cluster member event missing", "Reference an event id of that document."),
    Code("EG222", "cluster event types differ", "All members of a cluster share one event type."),
    Code("EG223", "event in several clusters", "An event belongs to at most one cluster."),
    Code("EG224", "cluster too small", "A cluster links at least two events."),
    Code("EG225", "document-internal cluster duplicate", "Members come from different documents."),
    Code("EG226", "duplicate document id", "Document ids must be unique across the inputs."),
    # EG3xx: schema versions, compatibility, extensions
    Code("EG301", "breaking schema change", "Bump the major version or restore what was removed."),
    Code("EG302", "no upgrade path", "Register an upgrader between these versions."),
    Code("EG303", "invalid schema file", "The file is not an eventgold JSON Schema or definition."),
    Code("EG310", "invalid definition file", "Fix the definition file at the named key."),
    Code("EG311", "extension clashes with base", "Extensions may only add; rename the item."),
    Code("EG312", "extension removes or narrows base", "Extensions may only add to the base."),
    # EG4xx: annotate (rule packs, gazetteers, preannotate input)
    Code("EG401", "invalid rule pack or gazetteer", "Fix the YAML at the key named."),
    Code("EG402", "rule names an unknown event type", "Use an event type of the schema table."),
    Code("EG403", "rule names an unknown role", "Use a role the event type defines."),
    Code("EG404", "rule names a wrong mention type", "Use a mention type the table allows there."),
    Code("EG405", "invalid spaCy pattern", "See spaCy's Matcher pattern syntax."),
    Code("EG406", "duplicate rule id", "Give every rule of a pack its own id."),
    Code("EG407", "rule names an unknown attribute value", "Use attributes/values of the table."),
    Code("EG410", "unreadable input document", "Input text must be UTF-8."),
    Code("EG411", "invalid input document", "JSONL input holds Document objects or records."),
    Code("EG412", "invalid publication date", "Use an ISO date YYYY-MM-DD.", 2),
    Code("EG413", "invalid document id", "Rename the file: ids allow letters, digits and _.:@/-."),
    # EG50x-EG52x: Label Studio conversion (push input, pull export)
    Code("EG501", "export not readable", "Re-export the project; the file is truncated or not JSON."),
    Code("EG502", "export structure invalid", "The export is not Label Studio full JSON (tasks with results)."),
    Code("EG503", "task text changed", "The task text no longer matches the document key it was pushed with."),
    Code("EG504", "region outside the text", "Region start/end must lie within the task text."),
    Code("EG505", "region text mismatch", "The region's text is not at its offsets (any offset convention)."),
    Code("EG506", "unknown label", "Use a label of the generated config (eventgold studio config)."),
    Code("EG507", "region without one label", "Give each region exactly one label."),
    Code("EG508", "relation to a missing region", "Relations must connect regions of the same annotation."),
    Code("EG509", "relation without endpoints", "A relation needs from_id and to_id."),
    Code("EG510", "relation role invalid", "Label each relation with one role of the trigger's event type."),
    Code("EG511", "relation endpoints invalid", "A relation goes from an event trigger to a mention."),
    Code("EG512", "per-region value without region", "Choices/normalized values must belong to a labeled region."),
    Code("EG513", "attribute invalid", "Pick an attribute value the event type defines."),
    Code("EG514", "unknown control", "The result names a control that the generated config does not have."),
    Code("EG515", "duplicate region", "Region ids must be unique within an annotation."),
    Code("EG516", "pulled record violates the schema", "Fix the annotation in Label Studio (see message)."),
    Code("EG517", "task pushed with another schema", "Pull with the schema the project was pushed with (--schema-ext FILE)."),
    Code("EG520", "push input invalid", "Give .txt documents or eventgold document records."),
    Code("EG521", "conflicting documents", "One id must name one text, and one text (the task key is its sha256) one id: de-duplicate the inputs."),
    # EG53x-EG54x: Label Studio server and connection (exit 3)
    Code("EG531", "server unreachable", "Start it (eventgold studio start) or check --url.", 3),
    Code("EG532", "server error", "Label Studio answered 5xx repeatedly; see its log.", 3),
    Code("EG533", "server timeout", "No answer in time, repeatedly: retry later, or raise push/pull --timeout or --retries.", 3),
    Code("EG534", "authentication failed", "Check the token (LABEL_STUDIO_API_KEY or --token-file).", 3),
    Code("EG535", "no token", "Set LABEL_STUDIO_API_KEY, pass --token-file, or start the local server.", 3),
    Code("EG536", "project not found", "Check --project (the project title) or push first.", 3),
    Code("EG537", "port busy", "Choose another --port; Label Studio would silently move to the next one.", 3),
    Code("EG538", "server failed to start", "See the server log named in the message.", 3),
    Code("EG539", "server not running", "Start it with eventgold studio start.", 3),
    Code("EG540", "label config rejected", "The server refused the labeling config; see the message.", 3),
    Code("EG541", "request rejected", "Label Studio refused the request; see the message.", 3),
    Code("EG542", "label-studio not installed", "Install the [studio] extra: pip install 'eventgold[studio]'.", 3),
    Code("EG543", "push already running", "Another push to this project holds the lock; wait or retry.", 3),
    # EG60x-EG64x: gold build, adjudication, near-duplicates, splits (EG65x+: exports)
    Code("EG601", "nothing to build", "Give human annotation records of at least one document."),
    Code("EG602", "annotations disagree on the text", "Annotations of one document id share one text."),
    Code("EG603", "invalid adjudication policy", "Use a comma list of: reviewer, majority.", 2),
    Code("EG604", "invalid split ratios", "Give three ratios >= 0 summing to 1, e.g. 0.8,0.1,0.1.", 2),
    Code("EG605", "invalid dedup threshold", "Use a Jaccard threshold between 0 and 1.", 2),
    Code("EG606", "build already running", "Wait for the other build into this folder to finish.", 3),
    Code("EG607", "unknown export format", "Use one of the registered export formats.", 2),
    Code("EG609", "output folder is not a dataset", "Give a new or empty folder, or a previous build.", 2),
    # EG65x-EG69x: gold exports (errors: EG650-EG653; lossy-conversion notes: EG654-EG659)
    Code("EG650", "document has no split", "Give every exported document a split (train, dev or test)."),
    Code("EG651", "unknown split name", "Splits are named train, dev and test."),
    Code("EG652", "document exported twice", "Give each document once (one adjudicated record)."),
    Code("EG653", "record schema differs from export table", "Upgrade the records or export with their schema."),
    Code("EG654", "span expanded to token boundaries", "Token formats cover whole tokens; the char formats keep the exact span."),
    Code("EG655", "span covers no token", "The span holds only whitespace; it is left out of token formats."),
    Code("EG656", "event or mention crosses sentences", "Its sentences are merged into one window so no argument is lost."),
    Code("EG657", "multi-token trigger reduced to one token", "DyGIE++ triggers are one token: the first token is kept."),
    Code("EG658", "text changed for brat", "CRLF/CR became LF and a BOM was dropped; offsets were shifted to match."),
    Code("EG659", "reference to a missing mention", "Validate records before export; the reference is left out."),
    # EG70x-EG74x: evaluate
    Code("EG701", "prediction text differs from gold", "Predict on the same document text as the gold."),
    Code("EG702", "duplicate document in scored records", "Give each document once per side."),
    Code("EG703", "no document in common", "Predict on the gold documents (same ids)."),
    Code("EG704", "invalid match mode", "Use --mode strict or --mode overlap.", 2),
    # EG75x: cross-document linking, cluster evaluation and annotation projection
    Code("EG750", "no events to link", "Give document records that carry events."),
    Code("EG751", "cluster member not among the documents", "Score clusters of the same documents."),
    Code("EG752", "document not found", "Name a document id present in the inputs.", 2),
    Code("EG753", "documents do not align", "Projection needs near-duplicate texts."),
    Code("EG754", "invalid linking or cluster option", "See the command's --help.", 2),
)
# fmt: on


@dataclass(frozen=True)
class Problem:
    """One problem found in the input.

    ``path`` is a JSONPath into the record (``$.events[2].arguments.target[0]``); ``file``
    and ``line`` say where the record is (``line`` is the 1-based JSONL line or record index).
    """

    code: str
    message: str
    path: str = "$"
    file: str | None = None
    line: int | None = None
    hint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented error code {self.code}")

    @property
    def title(self) -> str:
        return CODES[self.code].title

    def with_location(self, file: str | None, line: int | None) -> Problem:
        return Problem(self.code, self.message, self.path, file, line, self.hint, self.extra)

    def location(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return where

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["hint"] = self.hint or CODES[self.code].hint
        if not data["extra"]:
            del data["extra"]
        return data

    def __str__(self) -> str:
        return f"{self.location()}: {self.code} {self.path}: {self.message}"


class EventgoldError(Exception):
    """Base of all errors the library raises about user input or the environment."""

    exit_code = EXIT_INVALID

    def __init__(self, problems: list[Problem] | Problem | str, *, code: str = "EG105") -> None:
        if isinstance(problems, str):
            problems = [Problem(code, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


class DataError(EventgoldError):
    """The input data is invalid (exit code 1)."""

    exit_code = EXIT_INVALID


class UsageError(EventgoldError):
    """The command was called wrongly: missing path, bad option (exit code 2)."""

    exit_code = EXIT_USAGE


class ServerError(EventgoldError):
    """A server (Label Studio) or the file system failed (exit code 3)."""

    exit_code = EXIT_SERVER
