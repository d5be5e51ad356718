"""The CLI imports only what the invoked command needs (start-up cost of `eventgold ...`)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import Commands, app

# Libraries of other commands that cost most of the start-up when imported eagerly.
HEAVY = (
    "scipy",
    "datasketch",
    "dateparser",
    "label_studio_sdk",
    "spacy",
    "pyarrow",
    "krippendorff",
    "eventgold.annotate",
    "eventgold.demo",
    "eventgold.gold",
    "eventgold.studio",
)


def _loaded_after(code: str) -> list[str]:
    """Which HEAVY modules a fresh interpreter has imported after running ``code``."""
    script = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import json, sys
        print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_application_imports_no_command_library() -> None:
    assert _loaded_after("import eventgold.cli.main") == []


def test_version_imports_no_command_library() -> None:
    loaded = _loaded_after(
        """
        from eventgold.cli.main import app
        try:
            app(["--version"])
        except SystemExit as exit:
            assert exit.code == 0
        """
    )
    assert loaded == []


def test_preannotate_imports_only_the_annotator(tmp_path: Path) -> None:
    text = tmp_path / "doc.txt"
    text.write_text("Russia vetoed the UN resolution on sanctions.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    loaded = _loaded_after(
        f"""
        from eventgold.cli.main import app
        app(["preannotate", {str(text)!r}, "-o", {str(out)!r}], standalone_mode=False)
        """
    )
    # No date in the text: dateparser is not needed either.
    assert loaded == ["spacy", "eventgold.annotate"]
    assert json.loads(out.read_text(encoding="utf-8"))["events"]


def test_a_dated_text_still_resolves_its_date(tmp_path: Path) -> None:
    text = tmp_path / "doc.txt"
    text.write_text("In March Russia vetoed the UN resolution.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["preannotate", str(text), "-o", str(out), "--published", "2024-10-30"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    dates = [m["normalized"] for m in record["mentions"] if m["type"] == "DATE"]
    assert dates == ["2024-03"]  # resolved by dateparser, imported on first use


def test_help_lists_every_command_in_registration_order() -> None:
    result = CliRunner().invoke(app, ["--help"], terminal_width=120)
    assert result.exit_code == 0, result.output
    listed = [
        line.split()[1]
        for line in result.output.splitlines()
        if line.startswith("│ ")
        and len(line.split()) > 2
        and line.split()[1] in Commands.lazy_commands
    ]
    assert listed == list(Commands.lazy_commands)


@pytest.mark.parametrize("typo", ["preanotate", "studo"])
def test_a_mistyped_command_gets_a_suggestion(typo: str) -> None:
    result = CliRunner().invoke(app, [typo])
    assert result.exit_code == 2
    assert "Did you mean" in result.output


def test_gold_keeps_its_cross_document_commands() -> None:
    result = CliRunner().invoke(app, ["gold", "--help"], terminal_width=120)
    assert result.exit_code == 0, result.output
    for name in ("dedup", "build", "link", "project"):
        assert f"│ {name} " in result.output
