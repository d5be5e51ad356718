"""A real browser opens the local Label Studio and sees the pre-annotations render.

Headless Chromium from the system packages (`apt-get install chromium`; `.ci/run` installs
it), driven by playwright-python with ``executable_path`` (no browser download). The
labeling view is saved as a screenshot; it replaces ``docs/img/labeling.png`` when that is
missing or ``EVENTGOLD_SCREENSHOTS=1`` is set, so ordinary test runs leave the docs alone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventgold.annotate import Annotator
from eventgold.schema import DocumentRecord, default_table
from eventgold.studio import PushDocument, push_documents
from eventgold.studio.server import ADMIN_EMAIL, admin_password_path
from eventgold.validate.reader import read_items

from .conftest import LiveStudio

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "img" / "labeling.png"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 180_000  # a busy 2-core machine renders a long task slowly

pytestmark = [
    pytest.mark.browser,
    pytest.mark.studio,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")  # fresh --user-data-dir
    with playwright_api.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context.new_page()
        finally:
            context.close()


def seed_predictions() -> list[DocumentRecord]:
    annotator = Annotator()
    records = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        item = next(read_items([str(ROOT / "seeds" / "gold" / f"{path.stem}.jsonl")]))
        gold = DocumentRecord.model_validate(item.value)
        records.append(annotator.annotate(gold.document))
    return records


def test_labeling_view_shows_predicted_regions_and_relations(
    live_studio: LiveStudio, browser_page: Any, tmp_path: Path
) -> None:
    prediction = seed_predictions()[0]
    assert prediction.mentions and prediction.events
    bare = DocumentRecord(
        schema_name=prediction.schema_name,
        schema_version=prediction.schema_version,
        document=prediction.document,
    )
    client = live_studio.client()
    report = push_documents(
        client, [PushDocument(bare, (prediction,))], "browser check", default_table()
    )
    task_id = dict((key, tid) for tid, key in client.task_keys(report.project_id))[
        prediction.document.sha256
    ]

    page = browser_page
    password = admin_password_path(live_studio.state_dir).read_text(encoding="utf-8").strip()
    page.goto(f"{live_studio.url}/user/login/")
    page.fill("input[name=email]", ADMIN_EMAIL)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/user/login" not in page.url, "login failed"

    page.goto(f"{live_studio.url}/projects/{report.project_id}/data?task={task_id}")
    page.get_by_text("Regions").first.wait_for()
    first = min(prediction.mentions, key=lambda m: (m.start, m.end))
    page.get_by_text(first.text, exact=True).first.wait_for()
    page.wait_for_timeout(2000)  # relation arrows are drawn after the regions
    text = page.inner_text("body")

    # The region list (virtualized: only the first entries are in the page) shows the
    # predicted regions in text order, label then text.
    in_order = sorted(prediction.mentions, key=lambda m: (m.start, m.end))[:8]
    for mention in in_order:
        assert f"{mention.type}\n{mention.text}" in text, mention
    # Every role the rules predicted is drawn as a relation label; unused roles are not.
    used_roles = {
        role for event in prediction.events for role in event.arguments if event.arguments[role]
    }
    for role in used_roles:
        assert role in text, role
    all_roles = {r for t in default_table().event_types.values() for r in t.roles}
    for role in sorted(all_roles - used_roles):
        assert f"\n{role}\n" not in f"\n{text}\n", f"{role} is not predicted but shown"
    for event_type in {e.type for e in prediction.events}:
        assert event_type in text

    shot = tmp_path / "labeling.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one
    if not SCREENSHOT.exists() or os.environ.get("EVENTGOLD_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
