"""The documentation site builds strictly, lists every page, and documents every command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.cli.reference import command_paths

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return []


def mkdocs_config() -> dict[str, object]:
    # mkdocs.yml may hold !!python tags in other projects; this one is plain YAML.
    return dict(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))


def test_nav_lists_every_page_and_only_existing_ones() -> None:
    pages = nav_pages(mkdocs_config()["nav"])
    on_disk = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert sorted(pages) == on_disk
    assert len(pages) == len(set(pages))


@pytest.mark.slow
def test_mkdocs_build_is_strict_and_clean(tmp_path: Path) -> None:
    if shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("mkdocs-material is not installed (extra [dev])")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr, done.stderr[-3000:]
    assert (tmp_path / "site" / "reference" / "cli" / "index.html").is_file()


def test_every_command_is_in_the_cli_reference() -> None:
    reference = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    paths = command_paths(app)
    assert "eventgold demo" in paths and "eventgold studio push" in paths
    for path in paths:
        assert f"`{path}`" in reference, f"{path} is missing from docs/reference/cli.md"


@pytest.mark.parametrize("path", command_paths(app))
def test_every_command_has_help(path: str) -> None:
    result = CliRunner().invoke(app, [*path.split()[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # every subcommand and option carries a description, not a bare name
    help_lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(help_lines) > 3


def test_readme_names_the_two_commands_and_links_existing_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    links = re.findall(r"\]\((docs/[^)#]+)", readme)
    assert links, "README links to the docs"
    for link in links:
        assert (ROOT / link).exists(), link


def test_screenshot_is_referenced_from_the_docs() -> None:
    pages = " ".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    assert "img/labeling.png" in pages
    assert (DOCS / "img" / "labeling.png").is_file()
