"""Write ``tests/data/heldout_gold.jsonl``: hand-labelled held-out sentences for the rules.

The sentences are not taken from the seed documents: other countries, other phrasings, and
negatives that must not fire. They were written and labelled before the rule packs were
tuned, and are used only to measure how the rules generalize (``eventgold evaluate``).

Conventions follow docs/guidelines.md (the seed gold's guidelines); in short:
- a trigger is the single word that names the event (verb or noun): "deployed", "talks";
- mentions carry no leading determiner ("UN resolution", not "a UN resolution");
- forces: "<demonym> troops" is a MILITARY_UNIT with the demonym nested as a GPE (the
  deployer when no other is named); a QUANTITY span is the number with its
  approximator ("about 5,000"), without the counted noun;
- PERSON spans include an anchoring title ("Foreign Minister Penny Wong").

Run: ``.venv/bin/python tests/data/make_heldout.py`` (rewrites the file).
"""

from __future__ import annotations

import json
from pathlib import Path

from eventgold.schema import AnnotationInfo, DocumentRecord, Provenance
from eventgold.testing import RecordBuilder, record_json

OUT = Path(__file__).with_name("heldout_gold.jsonl")
ANNOTATOR = "heldout-author"


def _doc(n: int, text: str, published: str | None = "2023-05-17") -> RecordBuilder:
    return RecordBuilder(text, doc_id=f"heldout-{n:03d}", published=published)


def build() -> list[DocumentRecord]:
    docs: list[RecordBuilder] = []

    # --- deployment -------------------------------------------------------------------------
    b = _doc(1, "France deployed about 2,000 soldiers to Mali in January.")
    fr = b.mention("France", "GPE", normalized="FRA")
    q = b.mention("about 2,000", "QUANTITY", normalized="~2000 soldiers")
    u = b.mention("soldiers", "MILITARY_UNIT")
    ml = b.mention("Mali", "GPE", normalized="MLI")
    t = b.mention("January", "DATE", normalized="2023-01")
    b.event(
        "deployment",
        "deployed",
        {"deployer": [fr], "quantity": [q], "deployed": [u], "destination": [ml], "time": [t]},
        tense="past",
    )
    docs.append(b)

    b = _doc(
        2, "India has sent additional troops to its border with China, officials said on Monday."
    )
    ind = b.mention("India", "GPE", normalized="IND")
    # Modifiers like "further"/"additional" belong to the force mention (guidelines G5).
    u = b.mention("additional troops", "MILITARY_UNIT")
    cn = b.mention("China", "GPE", normalized="CHN")
    off = b.mention("officials", "PERSON")
    mon = b.mention("Monday", "DATE", normalized="2023-05-15")
    b.event(
        "deployment",
        "sent",
        {"deployer": [ind], "deployed": [u]},
        attribution=off,
        modality="reported",
        tense="past",
    )
    _ = (cn, mon)
    docs.append(b)

    b = _doc(
        3,
        "Thousands of Turkish soldiers are heading to northern Syria, according to the defence ministry.",
    )
    q = b.mention("Thousands", "QUANTITY", normalized=">=1000 soldiers")
    u = b.mention("Turkish soldiers", "MILITARY_UNIT")
    tr = b.mention("Turkish", "GPE", normalized="TUR")
    sy = b.mention("Syria", "GPE", normalized="SYR")
    mod = b.mention("defence ministry", "ORG")
    b.event(
        "deployment",
        "heading",
        {"deployer": [tr], "quantity": [q], "deployed": [u], "destination": [sy]},
        attribution=mod,
        modality="reported",
        tense="present",
        status="under_way",
    )
    docs.append(b)

    b = _doc(4, "Germany will station a brigade of 4,800 troops in Lithuania by 2027.")
    de = b.mention("Germany", "GPE", normalized="DEU")
    q = b.mention("4,800", "QUANTITY", normalized="4800 troops")
    u = b.mention("troops", "MILITARY_UNIT")
    lt = b.mention("Lithuania", "GPE", normalized="LTU")
    y = b.mention("2027", "DATE", normalized="2027")
    b.event(
        "deployment",
        "station",
        {"deployer": [de], "quantity": [q], "deployed": [u], "location": [lt], "time": [y]},
        modality="planned",
        tense="future",
        status="ordered",
    )
    docs.append(b)

    b = _doc(5, "The United States dispatched 1,500 Marines to the Philippines last week.")
    us = b.mention("United States", "GPE", normalized="USA")
    q = b.mention("1,500", "QUANTITY", normalized="1500 marines")
    u = b.mention("Marines", "MILITARY_UNIT")
    ph = b.mention("Philippines", "GPE", normalized="PHL")
    lw = b.mention("last week", "DATE", normalized="2023-W19")
    b.event(
        "deployment",
        "dispatched",
        {"deployer": [us], "quantity": [q], "deployed": [u], "destination": [ph], "time": [lw]},
        tense="past",
    )
    docs.append(b)

    b = _doc(
        6,
        "Belarus denied that it had moved troops to the Polish border, "
        "President Alexander Lukashenko said.",
    )
    by = b.mention("Belarus", "GPE", normalized="BLR")
    u = b.mention("troops", "MILITARY_UNIT")
    luk = b.mention("President Alexander Lukashenko", "PERSON", normalized="Alexander Lukashenko")
    b.event(
        "deployment",
        "moved",
        {"deployer": [by], "deployed": [u]},
        attribution=luk,
        polarity="negative",
        modality="reported",
        tense="past",
    )
    docs.append(b)

    b = _doc(7, "Nigeria withdrew its peacekeepers from Sudan on Friday.")
    ng = b.mention("Nigeria", "GPE", normalized="NGA")
    u = b.mention("peacekeepers", "MILITARY_UNIT")
    sd = b.mention("Sudan", "GPE", normalized="SDN")
    fri = b.mention("Friday", "DATE", normalized="2023-05-12")
    b.event(
        "deployment",
        "withdrew",
        {"deployer": [ng], "deployed": [u], "origin": [sd], "time": [fri]},
        tense="past",
        status="withdrawn",
    )
    docs.append(b)

    # --- diplomatic_meeting ------------------------------------------------------------------
    b = _doc(
        8,
        "Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi "
        "in New Delhi on Monday.",
    )
    ki = b.mention("Prime Minister Fumio Kishida", "PERSON", normalized="Fumio Kishida")
    mo = b.mention("Prime Minister Narendra Modi", "PERSON", normalized="Narendra Modi")
    b.mention("Japanese", "GPE", normalized="JPN")
    b.mention("Indian", "GPE", normalized="IND")
    nd = b.mention("New Delhi", "GPE", normalized="IND")
    mon = b.mention("Monday", "DATE", normalized="2023-05-15")
    b.event(
        "diplomatic_meeting",
        "met",
        {"participants": [ki, mo], "location": [nd], "time": [mon]},
        tense="past",
        format="bilateral",
    )
    docs.append(b)

    b = _doc(9, "Iran and Saudi Arabia will hold talks in Beijing next month.")
    ir = b.mention("Iran", "GPE", normalized="IRN")
    sa = b.mention("Saudi Arabia", "GPE", normalized="SAU")
    bj = b.mention("Beijing", "GPE", normalized="CHN")
    nm = b.mention("next month", "DATE", normalized="2023-06")
    b.event(
        "diplomatic_meeting",
        "talks",
        {"participants": [ir, sa], "location": [bj], "time": [nm]},
        modality="planned",
        tense="future",
        format="bilateral",
    )
    docs.append(b)

    b = _doc(
        10,
        "Brazilian President Luiz Inacio Lula da Silva visited Beijing in April "
        "to discuss trade with Chinese leaders.",
    )
    lula = b.mention(
        "President Luiz Inacio Lula da Silva", "PERSON", normalized="Luiz Inacio Lula da Silva"
    )
    bj = b.mention("Beijing", "GPE", normalized="CHN")
    ap = b.mention("April", "DATE", normalized="2023-04")
    cl = b.mention("Chinese leaders", "PERSON")
    b.mention("Brazilian", "GPE", normalized="BRA")
    b.mention("Chinese", "GPE", normalized="CHN")
    # Travel + purpose: one meeting, triggered by the meeting word (guidelines G1.2).
    b.event(
        "diplomatic_meeting",
        "discuss",
        {"participants": [lula, cl], "location": [bj], "time": [ap]},
        tense="past",
        format="bilateral",
    )
    docs.append(b)

    b = _doc(
        11,
        "Foreign Minister Penny Wong held a phone call with her Chinese counterpart Wang Yi on Tuesday.",
    )
    pw = b.mention("Foreign Minister Penny Wong", "PERSON", normalized="Penny Wong")
    wy = b.mention("Wang Yi", "PERSON", normalized="Wang Yi")
    b.mention("Chinese", "GPE", normalized="CHN")
    tu = b.mention("Tuesday", "DATE", normalized="2023-05-16")
    b.event(
        "diplomatic_meeting",
        "call",
        {"participants": [pw, wy], "time": [tu]},
        tense="past",
        format="call",
    )
    docs.append(b)

    b = _doc(12, "Egypt refused to meet Ethiopian officials over the dam dispute.")
    eg = b.mention("Egypt", "GPE", normalized="EGY")
    eo = b.mention("Ethiopian officials", "PERSON")
    b.mention("Ethiopian", "GPE", normalized="ETH")
    b.event(
        "diplomatic_meeting",
        "meet",
        {"participants": [eg, eo]},
        polarity="negative",
        tense="past",
    )
    docs.append(b)

    b = _doc(
        13,
        "Leaders of the Group of Seven gathered in Hiroshima for a summit on Friday.",
    )
    g7 = b.mention("Group of Seven", "ORG", normalized="G7")
    hi = b.mention("Hiroshima", "GPE", normalized="JPN")
    fri = b.mention("Friday", "DATE", normalized="2023-05-12")
    b.event(
        "diplomatic_meeting",
        "summit",
        {"participants": [g7], "location": [hi], "time": [fri]},
        tense="past",
        format="multilateral",
    )
    docs.append(b)

    # --- sanction ----------------------------------------------------------------------------
    b = _doc(14, "The European Union imposed new sanctions on Belarus on Wednesday.")
    eu = b.mention("European Union", "ORG", normalized="European Union")
    by = b.mention("Belarus", "GPE", normalized="BLR")
    we = b.mention("Wednesday", "DATE", normalized="2023-05-17")
    sa = b.mention("sanctions", "LEGAL_INSTRUMENT")
    # A sanction predicate governs "sanctions": it is the trigger (guidelines G1.3).
    b.event(
        "sanction",
        "imposed",
        {"imposer": [eu], "target": [by], "time": [we], "instrument": [sa]},
        tense="past",
        action="impose",
    )
    docs.append(b)

    b = _doc(
        15,
        "Canada announced sanctions against Iranian officials over the crackdown on protesters.",
    )
    ca = b.mention("Canada", "GPE", normalized="CAN")
    io = b.mention("Iranian officials", "PERSON")
    b.mention("Iranian", "GPE", normalized="IRN")
    b.event(
        "sanction",
        "sanctions",
        {"imposer": [ca], "target": [io]},
        tense="past",
        action="impose",
    )
    docs.append(b)

    b = _doc(16, "Washington lifted an oil embargo on Venezuela in 2023.")
    wa = b.mention("Washington", "GPE", normalized="USA")
    ve = b.mention("Venezuela", "GPE", normalized="VEN")
    y = b.mention("2023", "DATE", normalized="2023")
    em = b.mention("oil embargo", "LEGAL_INSTRUMENT")
    b.event(
        "sanction",
        "lifted",
        {"imposer": [wa], "target": [ve], "time": [y], "instrument": [em]},
        tense="past",
        action="lift",
    )
    docs.append(b)

    b = _doc(
        17,
        "Britain and France pushed to tighten sanctions on Syria, but China opposed the move.",
    )
    gb = b.mention("Britain", "GPE", normalized="GBR")
    fr = b.mention("France", "GPE", normalized="FRA")
    sy = b.mention("Syria", "GPE", normalized="SYR")
    cn = b.mention("China", "GPE", normalized="CHN")
    sa = b.mention("sanctions", "LEGAL_INSTRUMENT")
    b.event(
        "sanction",
        "tighten",
        {"imposer": [gb, fr], "target": [sy], "instrument": [sa]},
        modality="planned",
        action="tighten",
    )
    _ = cn
    docs.append(b)

    b = _doc(
        18,
        "Cuban and American negotiators opened sanctions relief talks in Havana on Thursday.",
    )
    cu = b.mention("Cuban and American negotiators", "PERSON")
    b.mention("Cuban", "GPE", normalized="CUB")
    b.mention("American", "GPE", normalized="USA")
    hv = b.mention("Havana", "GPE", normalized="CUB")
    th = b.mention("Thursday", "DATE", normalized="2023-05-11")
    b.event(
        "diplomatic_meeting",
        "talks",
        {"participants": [cu], "location": [hv], "time": [th]},
        tense="past",
        format="bilateral",
    )
    docs.append(b)

    # --- un_action ---------------------------------------------------------------------------
    b = _doc(19, "China vetoed a UN Security Council resolution on Myanmar in 2007.")
    cn = b.mention("China", "GPE", normalized="CHN")
    sc = b.mention("UN Security Council", "ORG", normalized="UN Security Council")
    res = b.mention("resolution", "LEGAL_INSTRUMENT")
    mm = b.mention("Myanmar", "GPE", normalized="MMR")
    y = b.mention("2007", "DATE", normalized="2007")
    b.event(
        "un_action",
        "vetoed",
        {"actor": [cn], "body": [sc], "instrument": [res], "target": [mm], "time": [y]},
        tense="past",
        action="veto",
    )
    docs.append(b)

    b = _doc(
        20,
        "The Security Council voted to extend the mandate of the peacekeeping mission "
        "in South Sudan for another year.",
    )
    sc = b.mention("Security Council", "ORG", normalized="UN Security Council")
    man = b.mention("mandate", "LEGAL_INSTRUMENT")
    ss = b.mention("South Sudan", "GPE", normalized="SSD")
    b.event(
        "un_action",
        "extend",
        {"body": [sc], "instrument": [man]},
        tense="past",
        action="extend_mandate",
    )
    _ = ss
    docs.append(b)

    b = _doc(
        21,
        "India abstained in a General Assembly vote condemning the annexation, diplomats said.",
    )
    ind = b.mention("India", "GPE", normalized="IND")
    ga = b.mention("General Assembly", "ORG", normalized="UN General Assembly")
    dip = b.mention("diplomats", "PERSON")
    b.event(
        "un_action",
        "abstained",
        {"actor": [ind], "body": [ga]},
        attribution=dip,
        modality="reported",
        tense="past",
        action="abstain",
    )
    docs.append(b)

    b = _doc(
        22,
        "The UN Security Council adopted a resolution imposing an arms embargo on South Sudan.",
    )
    sc = b.mention("UN Security Council", "ORG", normalized="UN Security Council")
    res = b.mention("resolution", "LEGAL_INSTRUMENT")
    ss = b.mention("South Sudan", "GPE", normalized="SSD")
    b.event(
        "un_action",
        "adopted",
        {"body": [sc], "instrument": [res], "target": [ss]},
        tense="past",
        action="adopt",
    )
    em = b.mention("arms embargo", "LEGAL_INSTRUMENT")
    b.event(
        "sanction",
        "imposing",
        {"imposer": [sc], "instrument": [em], "target": [ss]},
        tense="past",
        action="impose",
    )
    docs.append(b)

    b = _doc(23, "Mexico voted against the resolution at the United Nations on Thursday.")
    mx = b.mention("Mexico", "GPE", normalized="MEX")
    res = b.mention("resolution", "LEGAL_INSTRUMENT")
    un = b.mention("United Nations", "ORG", normalized="United Nations")
    th = b.mention("Thursday", "DATE", normalized="2023-05-11")
    b.event(
        "un_action",
        "voted",
        {"actor": [mx], "instrument": [res], "body": [un], "time": [th]},
        tense="past",
        action="vote_against",
    )
    docs.append(b)

    # --- arms_transfer_policy ----------------------------------------------------------------
    b = _doc(
        24, "Germany will supply Ukraine with air defence systems, Chancellor Olaf Scholz said."
    )
    de = b.mention("Germany", "GPE", normalized="DEU")
    ua = b.mention("Ukraine", "GPE", normalized="UKR")
    ad = b.mention("air defence systems", "WEAPON")
    sch = b.mention("Chancellor Olaf Scholz", "PERSON", normalized="Olaf Scholz")
    b.event(
        "arms_transfer_policy",
        "supply",
        {"supplier": [de], "recipient": [ua], "item": [ad]},
        attribution=sch,
        modality="planned",
        tense="future",
        stance="supplying",
    )
    docs.append(b)

    b = _doc(25, "Iran has been accused of providing drones to Russia.")
    ir = b.mention("Iran", "GPE", normalized="IRN")
    dr = b.mention("drones", "WEAPON")
    ru = b.mention("Russia", "GPE", normalized="RUS")
    b.event(
        "arms_transfer_policy",
        "providing",
        {"supplier": [ir], "item": [dr], "recipient": [ru]},
        modality="alleged",
        tense="past",
        stance="accused_of_supplying",
    )
    docs.append(b)

    b = _doc(26, "Israel has refused to send weapons to Kyiv.")
    il = b.mention("Israel", "GPE", normalized="ISR")
    we = b.mention("weapons", "WEAPON")
    ky = b.mention("Kyiv", "GPE", normalized="UKR")
    b.event(
        "arms_transfer_policy",
        "send",
        {"supplier": [il], "item": [we], "recipient": [ky]},
        tense="past",
        stance="refusing",
    )
    docs.append(b)

    b = _doc(
        27,
        "Pakistan denied supplying artillery shells to Ukraine, the foreign ministry said.",
    )
    pk = b.mention("Pakistan", "GPE", normalized="PAK")
    sh = b.mention("artillery shells", "WEAPON")
    ua = b.mention("Ukraine", "GPE", normalized="UKR")
    fm = b.mention("foreign ministry", "ORG")
    b.event(
        "arms_transfer_policy",
        "supplying",
        {"supplier": [pk], "item": [sh], "recipient": [ua]},
        attribution=fm,
        modality="reported",
        tense="past",
        stance="denies",
    )
    docs.append(b)

    b = _doc(
        28,
        "Seoul is considering providing tanks to Poland as part of a $5.8 billion deal.",
    )
    se = b.mention("Seoul", "GPE", normalized="KOR")
    tk = b.mention("tanks", "WEAPON")
    pl = b.mention("Poland", "GPE", normalized="POL")
    mo = b.mention("$5.8 billion", "MONEY", normalized="5800000000 USD")
    b.event(
        "arms_transfer_policy",
        "providing",
        {"supplier": [se], "item": [tk], "recipient": [pl], "quantity": [mo]},
        tense="present",
        stance="considering",
    )
    docs.append(b)

    # --- negatives and mixed ----------------------------------------------------------------
    docs.append(_doc(29, "The ministry sent a letter to the embassy asking for clarification."))
    docs.append(_doc(30, "Analysts say the trade dispute could drag on for years."))
    docs.append(_doc(31, "The company deployed new software across its offices in Toronto."))
    b = _doc(32, "A resolution of the border dispute seems unlikely, a Kenyan analyst wrote.")
    docs.append(b)
    b = _doc(33, "Farmers in Argentina have been sending more soybeans to China this season.")
    b.mention("Argentina", "GPE", normalized="ARG")
    b.mention("China", "GPE", normalized="CHN")
    docs.append(b)

    b = _doc(
        34,
        "Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara "
        "on Thursday and said Moscow would keep supplying gas to Europe.",
    )
    lv = b.mention("Foreign Minister Sergei Lavrov", "PERSON", normalized="Sergei Lavrov")
    fd = b.mention("Foreign Minister Hakan Fidan", "PERSON", normalized="Hakan Fidan")
    an = b.mention("Ankara", "GPE", normalized="TUR")
    b.mention("Russian", "GPE", normalized="RUS")
    b.mention("Turkish", "GPE", normalized="TUR")
    th = b.mention("Thursday", "DATE", normalized="2023-05-11")
    b.mention("Moscow", "GPE", normalized="RUS")
    b.event(
        "diplomatic_meeting",
        "met",
        {"participants": [lv, fd], "location": [an], "time": [th]},
        tense="past",
        format="bilateral",
    )
    docs.append(b)

    b = _doc(
        35,
        "Australia will deploy a surveillance aircraft and 100 personnel to Germany "
        "to help train Ukrainian soldiers, Defence Minister Richard Marles said.",
        published="2023-10-08",
    )
    au = b.mention("Australia", "GPE", normalized="AUS")
    q = b.mention("100", "QUANTITY", normalized="100 personnel")
    per = b.mention("personnel", "MILITARY_UNIT")
    de = b.mention("Germany", "GPE", normalized="DEU")
    rm = b.mention("Defence Minister Richard Marles", "PERSON", normalized="Richard Marles")
    b.mention("Ukrainian soldiers", "MILITARY_UNIT")
    b.mention("Ukrainian", "GPE", normalized="UKR")
    b.event(
        "deployment",
        "deploy",
        {"deployer": [au], "quantity": [q], "deployed": [per], "destination": [de]},
        attribution=rm,
        modality="planned",
        tense="future",
        status="ordered",
    )
    docs.append(b)

    b = _doc(
        36,
        "Qatar hosted talks between Israeli and Hamas negotiators in Doha last week.",
        published="2023-11-20",
    )
    qa = b.mention("Qatar", "GPE", normalized="QAT")
    ng = b.mention("Israeli and Hamas negotiators", "PERSON")
    b.mention("Israeli", "GPE", normalized="ISR")
    b.mention("Hamas", "ORG", normalized="Hamas")
    do = b.mention("Doha", "GPE", normalized="QAT")
    lw = b.mention("last week", "DATE", normalized="2023-W46")
    b.event(
        "diplomatic_meeting",
        "talks",
        {"host": [qa], "participants": [ng], "location": [do], "time": [lw]},
        tense="past",
        format="multilateral",
    )
    docs.append(b)

    return [_finish(b) for b in docs]


def _finish(builder: RecordBuilder) -> DocumentRecord:
    record = builder.build()
    prov = Provenance(origin="annotator", annotators=[ANNOTATOR])
    for item in [*record.mentions, *record.events]:
        item.provenance = prov
    record.annotation = AnnotationInfo(source="hand", annotator=ANNOTATOR)
    return record


if __name__ == "__main__":
    lines = [json.dumps(record_json(r), ensure_ascii=False) for r in build()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} records to {OUT}")
