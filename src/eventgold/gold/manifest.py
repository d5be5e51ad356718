"""``manifest.json``: the sha256 of every file of a built dataset, and which files are records.

``records`` lists the canonical JSONL files (relative paths): ``eventgold validate`` on the
dataset folder checks exactly those, since the other formats are not eventgold records.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
MANIFEST_KIND = "eventgold-dataset-manifest"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def dataset_files(root: Path) -> list[str]:
    """Every file under ``root`` (relative POSIX paths, sorted), the manifest excepted."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != MANIFEST
    )


def build_manifest(root: Path, *, schema: str, records: list[str]) -> dict[str, Any]:
    return {
        "kind": MANIFEST_KIND,
        "schema": schema,
        "records": sorted(records),
        "files": [
            {"path": rel, "bytes": (root / rel).stat().st_size, "sha256": file_sha256(root / rel)}
            for rel in dataset_files(root)
        ],
    }


def dumps(data: Any) -> str:
    """Deterministic pretty JSON (insertion order kept, UTF-8, trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_manifest(root: Path, *, schema: str, records: list[str]) -> dict[str, Any]:
    manifest = build_manifest(root, schema=schema, records=records)
    (root / MANIFEST).write_text(dumps(manifest), encoding="utf-8")
    return manifest


def verify_manifest(root: Path) -> list[str]:
    """Files whose content no longer matches the manifest (or that appeared/disappeared)."""
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    actual = dataset_files(root)
    bad = sorted(set(listed) ^ set(actual))
    bad += [rel for rel in actual if rel in listed and file_sha256(root / rel) != listed[rel]]
    return sorted(bad)
