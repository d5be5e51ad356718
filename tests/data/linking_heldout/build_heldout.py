"""Build the held-out linking set: 6 documents in 3 stories, written AFTER the linker was tuned.

The weights and the threshold of ``eventgold gold link`` were chosen on tests/data/linking/;
this set was written afterwards and never used to change them, so its score estimates how the
linker does on unseen reports. Paraphrased pairs that must link: an aid package reported as
"signed" and "approved", a missile shipment, a summit told from the guest's and the host's side,
a planned visit and its realisation ("expected to travel on to Vietnam" / "arrived in Hanoi"),
a veto reported as "blocked". Distractors that must not: a refusal, a consideration, a vote in
favour by other members, a sanction round a month earlier.

Run ``python tests/data/linking_heldout/build_heldout.py`` to rewrite the JSONL files;
``tests/test_link.py`` checks the committed files match.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from eventgold.schema import DocumentRecord, EventClusterRecord

HERE = Path(__file__).resolve().parent


def _build_set() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "linking_build_set", HERE.parent / "linking" / "build_set.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BASE = _build_set()
Doc = BASE.Doc


def story_aid() -> list[DocumentRecord]:
    e1 = Doc(
        "US President Joe Biden signed a $61 billion aid package for Ukraine on Wednesday, and "
        "the Pentagon said it would send ATACMS missiles within days. Hungary again refused to "
        "supply weapons to Kyiv.",
        "ho-e1",
        published="2024-04-25",
    )
    biden = e1.m("US President Joe Biden", "PERSON", "Joe Biden")
    money = e1.m("$61 billion", "MONEY", "61000000000 USD")
    ukraine = e1.m("Ukraine", "GPE", "UKR")
    wednesday = e1.m("Wednesday", "DATE", "2024-04-24")
    e1.e(
        "arms_transfer_policy",
        "aid package",
        {"supplier": [biden], "recipient": [ukraine], "quantity": [money], "time": [wednesday]},
        stance="supplying",
        tense="past",
    )
    pentagon = e1.m("the Pentagon", "ORG", "United States Department of Defense")
    atacms = e1.m("ATACMS missiles", "WEAPON")
    e1.e(
        "arms_transfer_policy",
        "send",
        {"supplier": [pentagon], "item": [atacms]},
        attribution=pentagon,
        stance="supplying",
        modality="planned",
        tense="future",
    )
    hungary = e1.m("Hungary", "GPE", "HUN")
    weapons = e1.m("weapons", "WEAPON")
    kyiv = e1.m("Kyiv", "GPE", "UKR")
    e1.e(
        "arms_transfer_policy",
        "supply",
        {"supplier": [hungary], "recipient": [kyiv], "item": [weapons]},
        stance="refusing",
        polarity="negative",
        tense="past",
    )

    e2 = Doc(
        "Washington will ship long-range ATACMS missiles to Ukraine in the coming days, U.S. "
        "officials said, after Biden approved $61 billion in assistance. Germany is still "
        "considering whether to deliver Taurus cruise missiles.",
        "ho-e2",
        published="2024-04-25",
    )
    washington = e2.m("Washington", "GPE", "USA")
    atacms2 = e2.m("long-range ATACMS missiles", "WEAPON")
    ukraine2 = e2.m("Ukraine", "GPE", "UKR")
    officials = e2.m("U.S. officials", "PERSON")
    e2.e(
        "arms_transfer_policy",
        "ship",
        {"supplier": [washington], "recipient": [ukraine2], "item": [atacms2]},
        attribution=officials,
        stance="supplying",
        modality="planned",
        tense="future",
    )
    biden2 = e2.m("Biden", "PERSON", "Joe Biden")
    money2 = e2.m("$61 billion", "MONEY", "61000000000 USD")
    e2.e(
        "arms_transfer_policy",
        "assistance",
        {"supplier": [biden2], "quantity": [money2]},
        stance="supplying",
        tense="past",
    )
    germany = e2.m("Germany", "GPE", "DEU")
    taurus = e2.m("Taurus cruise missiles", "WEAPON")
    e2.e(
        "arms_transfer_policy",
        "deliver",
        {"supplier": [germany], "item": [taurus]},
        stance="considering",
        modality="hypothetical",
        tense="present",
    )
    return [e1.build(), e2.build()]


def story_summit() -> list[DocumentRecord]:
    f1 = Doc(
        "Russian President Vladimir Putin held talks with North Korean leader Kim Jong Un in "
        "Pyongyang on Wednesday, his first visit to the country in 24 years. Putin is expected "
        "to travel on to Vietnam on Thursday.",
        "ho-f1",
        published="2024-06-19",
    )
    putin = f1.m("Vladimir Putin", "PERSON", "Vladimir Putin")
    kim = f1.m("Kim Jong Un", "PERSON", "Kim Jong Un")
    pyongyang = f1.m("Pyongyang", "GPE", "KP-01")
    wednesday = f1.m("Wednesday", "DATE", "2024-06-19")
    f1.e(
        "diplomatic_meeting",
        "held talks",
        {"participants": [putin, kim], "location": [pyongyang], "time": [wednesday]},
        format="visit",
        tense="past",
    )
    putin2 = f1.m("Putin", "PERSON", "Vladimir Putin", within="Putin is expected")
    vietnam = f1.m("Vietnam", "GPE", "VNM")
    thursday = f1.m("Thursday", "DATE", "2024-06-20")
    f1.e(
        "diplomatic_meeting",
        "travel",
        {"participants": [putin2], "location": [vietnam], "time": [thursday]},
        format="visit",
        modality="planned",
        tense="future",
    )

    f2 = Doc(
        "Kim Jong Un hosted Vladimir Putin in the North Korean capital, where the two signed a "
        "mutual defence pact. On Thursday Putin arrived in Hanoi for talks with Vietnamese leader "
        "To Lam.",
        "ho-f2",
        published="2024-06-20",
    )
    kim2 = f2.m("Kim Jong Un", "PERSON", "Kim Jong Un")
    putin3 = f2.m("Vladimir Putin", "PERSON", "Vladimir Putin")
    capital = f2.m("the North Korean capital", "GPE", "KP-01")
    f2.e(
        "diplomatic_meeting",
        "hosted",
        {"participants": [kim2, putin3], "host": [kim2], "location": [capital]},
        format="visit",
        tense="past",
    )
    thursday2 = f2.m("Thursday", "DATE", "2024-06-20")
    putin4 = f2.m("Putin", "PERSON", "Vladimir Putin", within="Putin arrived")
    hanoi = f2.m("Hanoi", "GPE", "VN-HN")
    to_lam = f2.m("To Lam", "PERSON", "To Lam")
    f2.e(
        "diplomatic_meeting",
        "talks",
        {"participants": [putin4, to_lam], "location": [hanoi], "time": [thursday2]},
        format="bilateral",
        tense="past",
    )
    return [f1.build(), f2.build()]


def story_veto() -> list[DocumentRecord]:
    g1 = Doc(
        "Russia on Thursday vetoed a UN Security Council resolution that would have renewed the "
        "panel of experts monitoring sanctions against North Korea. China abstained, while the "
        "13 other members voted in favour.",
        "ho-g1",
        published="2024-03-28",
    )
    russia = g1.m("Russia", "GPE", "RUS")
    thursday = g1.m("Thursday", "DATE", "2024-03-28")
    council = g1.m("UN Security Council", "ORG", "UN Security Council")
    resolution = g1.m("resolution", "LEGAL_INSTRUMENT")
    north_korea = g1.m("North Korea", "GPE", "PRK")
    g1.e(
        "un_action",
        "vetoed",
        {
            "actor": [russia],
            "body": [council],
            "instrument": [resolution],
            "target": [north_korea],
            "time": [thursday],
        },
        action="veto",
        tense="past",
    )
    china = g1.m("China", "GPE", "CHN")
    g1.e("un_action", "abstained", {"actor": [china]}, action="abstain", tense="past")
    members = g1.m("the 13 other members", "ORG")
    g1.e("un_action", "voted in favour", {"actor": [members]}, action="vote_for", tense="past")

    g2 = Doc(
        "Moscow blocked the extension of the UN panel that monitors North Korea sanctions, in a "
        "vote at the Security Council. Beijing abstained. The United States imposed new "
        "sanctions on Russian banks last month.",
        "ho-g2",
        published="2024-03-29",
    )
    moscow = g2.m("Moscow", "GPE", "RUS")
    north_korea2 = g2.m("North Korea", "GPE", "PRK")
    council2 = g2.m("Security Council", "ORG", "UN Security Council")
    g2.e(
        "un_action",
        "blocked",
        {"actor": [moscow], "body": [council2], "target": [north_korea2]},
        action="veto",
        tense="past",
    )
    beijing = g2.m("Beijing", "GPE", "CHN")
    g2.e("un_action", "abstained", {"actor": [beijing]}, action="abstain", tense="past")
    usa = g2.m("The United States", "GPE", "USA")
    banks = g2.m("Russian banks", "ORG")
    last_month = g2.m("last month", "DATE", "2024-02")
    g2.e(
        "sanction",
        "imposed",
        {"imposer": [usa], "target": [banks], "time": [last_month]},
        action="impose",
        tense="past",
    )
    return [g1.build(), g2.build()]


GOLD = [
    ("arms_transfer_policy", [("ho-e1", "e1"), ("ho-e2", "e2")]),
    ("arms_transfer_policy", [("ho-e1", "e2"), ("ho-e2", "e1")]),
    ("diplomatic_meeting", [("ho-f1", "e1"), ("ho-f2", "e1")]),
    ("diplomatic_meeting", [("ho-f1", "e2"), ("ho-f2", "e2")]),
    ("un_action", [("ho-g1", "e1"), ("ho-g2", "e1")]),
    ("un_action", [("ho-g1", "e2"), ("ho-g2", "e2")]),
]


def documents() -> list[DocumentRecord]:
    return [*story_aid(), *story_summit(), *story_veto()]


def clusters() -> list[EventClusterRecord]:
    records: list[EventClusterRecord] = BASE.clusters_from(GOLD, prefix="heldout")
    return records


def render() -> dict[str, str]:
    return {
        "documents.jsonl": BASE.jsonl(documents()),
        "clusters.jsonl": BASE.jsonl(clusters()),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for name, text in render().items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {out / name}")
