"""The dataset card (``README.md``, Hugging Face format) and ``croissant.json`` (Croissant 1.0 + RAI).

Both are generated from what the build knows (records, splits, agreement, adjudication,
exports) and contain no timestamps, so a rebuild from the same inputs is byte-identical.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eventgold.gold.adjudicate import AdjudicationReport
from eventgold.gold.agreement import AgreementReport
from eventgold.gold.exporters import ExportResult
from eventgold.gold.manifest import file_sha256
from eventgold.gold.splits import SPLIT_NAMES, SplitRatios
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable

LICENSE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "apache-2.0": "https://www.apache.org/licenses/LICENSE-2.0",
    "mit": "https://opensource.org/licenses/MIT",
}

CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

# Croissant fields per record set: (name, column, description). Record sets read the Parquet
# export (flat top-level columns); without it, the JSONL export's top-level keys.
PARQUET_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("document_id", "document_id", "Document id."),
    ("text", "text", "Document text; offsets are Unicode code points, end-exclusive."),
    ("sha256", "sha256", "sha256 of the UTF-8 text."),
    ("schema_version", "schema_version", "Event schema version of the record."),
    ("split", "split", "train, dev or test."),
)
JSONL_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("kind", "kind", "Record kind (document)."),
    ("schema_name", "schema_name", "Event schema name."),
    ("schema_version", "schema_version", "Event schema version of the record."),
)


@dataclass
class DatasetInfo:
    """Everything the card and the Croissant file describe."""

    table: SchemaTable
    records: Sequence[DocumentRecord]
    splits: Mapping[str, str]
    groups: Sequence[Sequence[str]]
    agreement: AgreementReport
    adjudication: AdjudicationReport
    exports: Mapping[str, ExportResult]
    ratios: SplitRatios
    seed: int
    dedup_threshold: float
    name: str = "eventgold-geopolitical-events"
    pretty_name: str = "eventgold geopolitical events"
    license: str = "cc-by-4.0"
    language: str = "en"
    guideline_version: str = ""
    url: str = "https://github.com/eventgold/eventgold"
    limitations: list[str] = field(default_factory=list)
    clusters: Sequence[EventClusterRecord] = ()

    @property
    def guidelines(self) -> str:
        return self.guideline_version or self.table.version

    def split_sizes(self) -> dict[str, int]:
        counts = Counter(self.splits[r.document.id] for r in self.records)
        return {name: counts[name] for name in SPLIT_NAMES if counts[name]}

    def type_counts(self) -> dict[str, dict[str, Counter[str]]]:
        """kind ("events", "mentions") -> split -> type -> count."""
        out: dict[str, dict[str, Counter[str]]] = {"events": {}, "mentions": {}}
        for record in self.records:
            split = self.splits[record.document.id]
            out["events"].setdefault(split, Counter()).update(e.type for e in record.events)
            out["mentions"].setdefault(split, Counter()).update(m.type for m in record.mentions)
        return out

    def split_files(self, fmt: str) -> dict[str, list[str]]:
        result = self.exports.get(fmt)
        if result is None:
            return {}
        return {
            split: [f"{fmt}/{p}" for p in result.split_files[split]]
            for split in SPLIT_NAMES
            if split in result.split_files
        }


def _yaml_header(info: DatasetInfo) -> str:
    configs = []
    # One config: the Hub picks one loader per dataset, so the configs cannot mix Parquet and
    # JSONL. Parquet when exported (typed columns), else the canonical JSONL.
    fmt = "parquet" if info.split_files("parquet") else "jsonl"
    for config in ("default",):
        files = info.split_files(fmt)
        if files:
            configs.append(
                {
                    "config_name": config,
                    "data_files": [
                        {"split": split, "path": paths[0] if len(paths) == 1 else paths}
                        for split, paths in files.items()
                    ],
                }
            )
    header = {
        "license": info.license,
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "language": [info.language],
        "pretty_name": info.pretty_name,
        "size_categories": ["n<1K" if len(info.records) < 1000 else "1K<n<10K"],
        "tags": ["event-extraction", "geopolitics", "news", info.table.id],
        "configs": configs,
    }
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True) + "---\n"


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _counts_section(info: DatasetInfo) -> str:
    sizes = info.split_sizes()
    splits = list(sizes)
    out = "## Size\n\n"
    out += _table(
        [[s, str(sizes[s])] for s in splits] + [["total", str(len(info.records))]],
        ["split", "documents"],
    )
    for kind, per_split in info.type_counts().items():
        types = sorted({t for c in per_split.values() for t in c})
        if not types:
            continue
        rows = [[t, *(str(per_split.get(s, Counter())[t]) for s in splits)] for t in types]
        out += f"\n{kind.capitalize()} per type and split:\n\n" + _table(rows, ["type", *splits])
    out += _clusters_section(info)
    return out


def _clusters_section(info: DatasetInfo) -> str:
    """Cross-document event clusters per event type (the same real-world event reported twice)."""
    if not info.clusters:
        return ""
    per_type = Counter(c.event_type for c in info.clusters)
    linked = sum(len(c.members) for c in info.clusters)
    rows = [[t, str(per_type[t])] for t in sorted(per_type)]
    rows.append(["total", str(len(info.clusters))])
    return (
        f"\nCross-document event clusters ({linked} linked event mentions, "
        "`jsonl/clusters.jsonl`):\n\n" + _table(rows, ["event type", "clusters"])
    )


def _agreement_section(info: DatasetInfo) -> str:
    report = info.agreement
    out = "## Annotation and agreement\n\n"
    methods = Counter(d.method for d in info.adjudication.documents)
    out += (
        f"{len(report.annotators)} annotator(s); {report.multiply_annotated} of "
        f"{report.documents} document(s) annotated more than once. Adjudication policy: "
        f"{', '.join(info.adjudication.policy)}; documents by method: "
        + ", ".join(f"{m} {n}" for m, n in sorted(methods.items()))
        + f". Unresolved items: {len(info.adjudication.unresolved)}; rejected minority items: "
        f"{len(info.adjudication.rejected)} (listed in `adjudication.json`).\n\n"
    )
    if not report.pairs:
        return out + "No document was annotated twice, so no agreement figures are available.\n"
    rows = []
    for mode in ("strict", "overlap"):
        spans = report.spans(mode)
        rows.append(
            [mode, *(f"{spans[k].total.f1:.3f}" for k in ("mentions", "triggers", "arguments"))]
        )
    out += "Span F1 between annotators (micro over pairs):\n\n"
    out += _table(rows, ["match", "mentions", "triggers", "arguments"])
    attr_rows = [
        [name, _fmt(a.kappa), _fmt(a.alpha), str(a.units)]
        for name, a in sorted(report.attributes.items())
    ]
    if attr_rows:
        out += "\nAttributes (events marked by several annotators):\n\n"
        out += _table(attr_rows, ["attribute", "Cohen's kappa", "Krippendorff's alpha", "events"])
    return out + "\nFull figures per pair and event type: `agreement.json`.\n"


def _files_section(info: DatasetInfo) -> str:
    rows = [
        [fmt, f"`{fmt}/`", str(len(result.files))] for fmt, result in sorted(info.exports.items())
    ]
    return (
        "## Files\n\n"
        + _table(rows, ["format", "folder", "files"])
        + "\nThe canonical JSONL (`jsonl/`) is the source of truth; every other format is derived "
        "from it. Offsets: see the export formats documentation. `manifest.json` holds the sha256 "
        "of every file; `croissant.json` describes the dataset in Croissant 1.0 with RAI fields.\n"
    )


def limitations(info: DatasetInfo) -> list[str]:
    out = list(info.limitations)
    out.append(
        f"Small: {len(info.records)} document(s). Figures on so few documents have wide "
        "uncertainty."
    )
    if info.adjudication.unresolved:
        out.append(
            f"{len(info.adjudication.unresolved)} item(s) were left unresolved by adjudication "
            "(ties); they are not in the gold and are listed in `adjudication.json`."
        )
    for fmt, result in sorted(info.exports.items()):
        notes = result.report.notes_by_code()
        if notes:
            summary = ", ".join(f"{code} x{n}" for code, n in notes.items())
            out.append(f"The {fmt} export could not represent some items exactly ({summary}).")
    out.append(
        "News text reflects the framing of its sources; attribution and modality attributes "
        "record who claims an event, not whether it happened."
    )
    return out


def dataset_card(info: DatasetInfo) -> str:
    """``README.md`` for the Hugging Face Hub: YAML header, then the description."""
    groups = [g for g in info.groups if len(g) > 1]
    ratios = ",".join(f"{r:g}" for r in info.ratios.as_tuple())
    parts = [
        _yaml_header(info),
        f"# {info.pretty_name}\n",
        "Geopolitical events (deployments, diplomatic meetings, sanctions, UN actions, arms "
        "transfer policy) annotated in English news text: entity/value mentions with normalized "
        "values, event triggers, typed arguments, factuality attributes and attribution.\n",
        "## Schema and guidelines\n\n"
        f"- Event schema: `{info.table.id}` (types, roles, attributes in the schema reference)\n"
        f"- Annotation guidelines version: `{info.guidelines}`\n"
        f"- Event types: {', '.join(sorted(info.table.event_types))}\n",
        _counts_section(info),
        "## Splits\n\n"
        f"Train/dev/test ratios {ratios}, seed {info.seed}. Near-duplicate documents (MinHash "
        f"over word bigrams, Jaccard >= {info.dedup_threshold:g}) form {len(groups)} group(s) "
        "that never cross splits, so no story is both trained and tested on.\n",
        _agreement_section(info),
        _files_section(info),
        "## Limitations\n\n" + "".join(f"- {item}\n" for item in limitations(info)),
        f"## License\n\n{info.license}\n",
    ]
    return "\n".join(parts)


def _file_object(root: Path, rel: str, encoding: str) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": rel,
        "name": rel,
        "contentUrl": rel,
        "encodingFormat": encoding,
        "sha256": file_sha256(root / rel),
    }


def croissant(info: DatasetInfo, root: Path) -> dict[str, Any]:
    """Croissant 1.0 JSON-LD: files with sha256, one record set per split, RAI fields."""
    distribution = []
    for fmt, encoding in (("jsonl", "application/jsonlines"), ("parquet", "application/x-parquet")):
        for paths in info.split_files(fmt).values():
            distribution += [_file_object(root, rel, encoding) for rel in paths]
    source_format = "parquet" if info.split_files("parquet") else "jsonl"
    fields = PARQUET_FIELDS if source_format == "parquet" else JSONL_FIELDS
    record_sets = [
        {
            "@type": "cr:RecordSet",
            "@id": split,
            "name": split,
            "description": f"Documents of the {split} split ({source_format} export).",
            "field": [
                {
                    "@type": "cr:Field",
                    "@id": f"{split}/{name}",
                    "name": name,
                    "description": description,
                    "dataType": "sc:Text",
                    "source": {"fileObject": {"@id": paths[0]}, "extract": {"column": column}},
                }
                for name, column, description in fields
            ],
        }
        for split, paths in info.split_files(source_format).items()
    ]
    report = info.agreement
    agreement_text = "No document was annotated twice."
    if report.pairs:
        spans = report.spans("strict")
        agreement_text = (
            "Strict span F1 between annotators: "
            + ", ".join(
                f"{k} {spans[k].total.f1:.3f}" for k in ("mentions", "triggers", "arguments")
            )
            + ". Attribute kappa/alpha in agreement.json."
        )
    return {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "name": info.name,
        "description": (
            "Geopolitical events annotated in English news text with the "
            f"{info.table.id} event schema."
        ),
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "license": LICENSE_URLS.get(info.license, info.license),
        "url": info.url,
        "version": info.table.version,
        "inLanguage": info.language,
        "keywords": ["event extraction", "geopolitics", "news"],
        "citeAs": f"{info.pretty_name} (schema {info.table.id})",
        "rai:dataCollection": "News articles; texts kept exactly as published.",
        "rai:dataCollectionType": "Web Scraping",
        "rai:dataPreprocessingProtocol": (
            "Near-duplicate stories grouped by MinHash over word bigrams "
            f"(threshold {info.dedup_threshold:g}); groups never cross splits."
        ),
        "rai:dataAnnotationProtocol": (
            f"Annotation guidelines {info.guidelines} for schema {info.table.id}; annotators "
            "start from rule-based pre-annotations; adjudication policy "
            f"{', '.join(info.adjudication.policy)}."
        ),
        "rai:dataAnnotationPlatform": "Label Studio",
        "rai:dataAnnotationAnalysis": agreement_text,
        "rai:annotationsPerItem": (
            f"{report.multiply_annotated} of {report.documents} documents annotated more than once"
        ),
        "rai:annotatorDemographics": "Not collected.",
        "rai:machineAnnotationTools": "eventgold rule-based pre-annotation (spaCy patterns).",
        "rai:dataLimitations": " ".join(limitations(info)),
        "rai:dataBiases": (
            "Topics and sources are those of the collected news; English only; framing of the "
            "sources is recorded through attribution and modality, not corrected."
        ),
        "rai:personalSensitiveInformation": (
            "Names of public officials as reported in published news."
        ),
        "rai:dataUseCases": "Training and evaluating event extraction models.",
        "rai:dataReleaseMaintenancePlan": "Rebuilt deterministically from the annotations.",
        "distribution": distribution,
        "recordSet": record_sets,
    }
