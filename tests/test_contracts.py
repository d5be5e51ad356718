"""Project-wide contracts: import layers, error codes, and the table as the only source of names."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from eventgold.errors import CODES
from eventgold.schema import default_table

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "eventgold"
CODE_RE = re.compile(r"""["'](EG\d{3})["']""")


def python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ---------------------------------------------------------------- layers


def test_import_linter_contract_is_kept() -> None:
    """`make lint` runs lint-imports; this runs the same contract inside the test suite."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_only_studio_imports_the_label_studio_sdk() -> None:
    offenders = [
        rel(path)
        for path in python_files()
        if not rel(path).startswith("src/eventgold/studio/")
        and any(name.split(".")[0] == "label_studio_sdk" for name in _imports(path))
    ]
    assert offenders == []


def test_nothing_imports_the_cli() -> None:
    offenders = [
        rel(path)
        for path in python_files()
        if not rel(path).startswith("src/eventgold/cli/")
        and any(name.startswith("eventgold.cli") for name in _imports(path))
    ]
    assert offenders == []


# ---------------------------------------------------------------- error codes


def test_every_code_is_registered_with_title_hint_and_exit_code() -> None:
    for code, entry in CODES.items():
        assert re.fullmatch(r"EG\d{3}", code) and entry.code == code
        assert entry.title.strip() and entry.hint.strip()
        assert entry.exit_code in (1, 2, 3)


def test_every_code_is_documented() -> None:
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code, entry in CODES.items():
        assert f"| `{code}` | {entry.title} |" in page, f"{code}: run `make generate`"


def test_every_code_used_in_src_is_registered() -> None:
    used = {
        (rel(path), code)
        for path in python_files()
        for code in CODE_RE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the scan found no codes at all"
    unregistered = sorted((file, code) for file, code in used if code not in CODES)
    assert unregistered == []


# ---------------------------------------------------------------- the table is the only source

# String literals that equal a table name by coincidence: a different meaning, not a use of the
# table. Each needs its reason.
COINCIDENCES: dict[tuple[str, str], str] = {
    ("src/eventgold/schema/definition.py", "quantity"): "a normalization kind, not the role",
    ("src/eventgold/validate/normalized.py", "quantity"): "a normalization kind, not the role",
    ("src/eventgold/testing.py", "quantity"): "a normalization kind, not the role",
    ("src/eventgold/annotate/mentions.py", "quantity"): "a normalization kind, not the role",
    ("src/eventgold/gold/linkvalues.py", "quantity"): "a normalization kind, not the role",
    ("src/eventgold/testing.py", "origin"): "the Provenance.origin field",
    ("src/eventgold/gold/exporters/parquet.py", "origin"): "the Provenance.origin column",
    ("src/eventgold/annotate/normalize.py", "past"): "dateparser's PREFER_DATES_FROM and the "
    "English word 'past' in 'past week', not the tense value",
    ("src/eventgold/cli/studio.py", "status"): "the `studio status` command name",
    ("src/eventgold/gold/adjudicate.py", "status"): "a key of the adjudication report",
    ("src/eventgold/gold/adjudicate.py", "item"): "a key of the adjudication report",
    ("src/eventgold/studio/convert.py", "item"): "a fallback word in an error message",
    ("src/eventgold/gold/card.py", "format"): "the export format of the dataset card",
    ("src/eventgold/gold/exporters/base.py", "format"): "the export format name",
}


def table_names() -> set[str]:
    table = default_table()
    names = set(table.mention_types) | set(table.event_types)
    for attr in table.common_attributes.values():
        names |= {attr.name, *attr.values}
    for etype in table.event_types.values():
        names |= set(etype.roles)
        for attr in etype.attributes.values():
            names |= {attr.name, *attr.values}
    return names


def string_literals(path: Path) -> set[str]:
    """String constants of a module, docstrings excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    }


def test_no_type_role_or_value_is_hard_coded_outside_the_table() -> None:
    names = table_names()
    assert {"deployment", "GPE", "modality", "veto"} <= names  # the scan looks for the right thing
    found: dict[str, set[str]] = {}
    for path in python_files():
        hits = {
            value
            for value in string_literals(path) & names
            if (rel(path), value) not in COINCIDENCES
        }
        if hits:
            found[rel(path)] = hits
    # How to fix a hit: read mention types by their `normalization` kind from the table,
    # attribute-value relations (`compatible`, `link_penalty`) from the definition file, and
    # names the rules give a meaning of their own from the rule pack (validated against it).
    assert found == {}, "read these from the schema table"
