"""Generated, committed artifacts: one list, one writer, one drift test.

``python -m eventgold.cli.generate`` (or ``make generate``) rewrites every artifact;
``tests/test_generated.py`` fails when a committed file differs from what the code generates.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventgold.atomic import atomic_write_text
from eventgold.cli.schema import DEFAULT_EXPORT_DIR
from eventgold.errors_reference import codes_markdown
from eventgold.schema import REGISTRY, json_schema_text
from eventgold.schema.definition import definition_json_schema
from eventgold.schema.dynamic import schema_file_name
from eventgold.schema.reference import schema_reference_markdown
from eventgold.schema.registry import BASE_NAME


@dataclass(frozen=True)
class Artifact:
    path: str  # relative to the project root
    produce: Callable[[], str]


def _base_versions() -> list[str]:
    """The registered versions of the base schema (extensions are the projects' own)."""
    return [version for name, version in sorted(REGISTRY.versions) if name == BASE_NAME]


def _schema_artifacts() -> list[Artifact]:
    out = []
    for version in _base_versions():

        def produce(v: str = version) -> str:
            return json_schema_text(REGISTRY.table(BASE_NAME, v))

        def reference(v: str = version) -> str:
            return schema_reference_markdown(REGISTRY.table(BASE_NAME, v))

        path = DEFAULT_EXPORT_DIR / schema_file_name(BASE_NAME, version)
        out.append(Artifact(path.as_posix(), produce))
        out.append(Artifact(f"docs/reference/schema-{version}.md", reference))
    return out


def _studio_artifacts() -> list[Artifact]:
    # Package data, so installed wheels have it; annotate/labelstudio/ links to it.
    from eventgold.studio.config import label_config_xml

    out = []
    for version in _base_versions():

        def produce(v: str = version) -> str:
            return label_config_xml(REGISTRY.table(BASE_NAME, v))

        out.append(Artifact(f"src/eventgold/studio/data/config-{version}.xml", produce))
    return out


def _json_text(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _foundation_artifacts() -> list[Artifact]:
    return [
        Artifact("schema/definition.schema.json", lambda: _json_text(definition_json_schema())),
        Artifact("docs/errors.md", codes_markdown),
    ]


def _annotate_artifacts() -> list[Artifact]:
    # The country gazetteer is generated from pycountry; annotate/gazetteers/ links to it.
    from eventgold.annotate.gazetteer import countries_yaml

    return [Artifact("src/eventgold/annotate/data/gazetteers/countries.yaml", countries_yaml)]


def _cli_artifacts() -> list[Artifact]:
    # The CLI reference page walks the typer application: any new command or option shows up.
    from eventgold.cli.main import app
    from eventgold.cli.reference import cli_reference_markdown

    return [Artifact("docs/reference/cli.md", lambda: cli_reference_markdown(app))]


def artifacts() -> list[Artifact]:
    """Every generated file of the project."""
    return [
        *_foundation_artifacts(),
        *_schema_artifacts(),
        *_studio_artifacts(),
        *_annotate_artifacts(),
        *_cli_artifacts(),
    ]


def write_all(root: Path) -> list[str]:
    changed = []
    for artifact in artifacts():
        path = root / artifact.path
        text = artifact.produce()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
            changed.append(artifact.path)
    return changed


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for rel in write_all(root):
        print(f"updated {rel}")
