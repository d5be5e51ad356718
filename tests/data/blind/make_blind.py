"""The blind evaluation set: news written for it, labelled from docs/guidelines.md alone.

Fourteen wire-style reports (datelines, quotes, "officials said", relative dates) about the
five event types in settings the seeds never touch, plus hard negatives that must produce no
event (sanctions-relief talks, "sent a letter", software and football "deployments", a club's
"embargo"), negated, planned and hypothetical events, spelling variants ("Zelensky" /
"Zelenskyy", "Erdogan" / "Erdoğan"), one document with CRLF line endings (05) and one with
emoji outside the Basic Multilingual Plane (13).

The labels follow the annotation guidelines (section numbers G1..G8 are cited where a
choice is not obvious), never the pre-annotation rules: they were written and committed
before the rules were run on these texts.

    .venv/bin/python tests/data/blind/make_blind.py    # writes *.txt and blind_gold.jsonl here

``tests/test_blind_gold.py`` fails when the committed files differ from this script's output.

Notation: ``d.m("context with [surface] inside", TYPE, normalized)`` adds a mention and
returns its id; ``d.ev(type, "context with [trigger]", {role: [ids]}, attribution=...,
polarity=..., modality=..., tense=..., genericity=..., **type_attributes)`` adds an event.
A context must occur exactly once in the text (``nth=`` picks one of verbatim repeats); the
span is then handed to ``eventgold.testing.RecordBuilder`` as the right occurrence of the
surface, so offsets are always computed, never counted by hand.

Place conventions (G6): a city that is itself an ISO 3166-2 subdivision, or whose subdivision
is named after it, takes that code (Brussels BE-BRU, Washington US-DC, Abuja NG-FC, Berlin
DE-BE, Ankara TR-06, Geneva CH-GE, Tripoli LY-TB, Paris FR-75C, ...); otherwise the state's
alpha-3 (London GBR: GB-LND is only the City of London; Warsaw POL).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventgold.atomic import atomic_write_bytes, atomic_write_text
from eventgold.schema import AnnotationInfo, DocumentRecord, Provenance, record_json
from eventgold.testing import RecordBuilder

HERE = Path(__file__).resolve().parent
GOLD_FILE = HERE / "blind_gold.jsonl"
ANNOTATOR = "annotator-blind"
PROVENANCE = Provenance(origin="annotator", annotators=[ANNOTATOR])
S = "specific"

# Canonical names used in several documents (G6).
EU = "European Union"
UN = "United Nations"
UNSC = "UN Security Council"
UN_HQ = "United Nations Headquarters"
REUTERS = "Reuters"
DOD = "United States Department of Defense"
US_NAVY = "United States Navy"


def locate(text: str, context: str, nth: int | None = None) -> tuple[int, int]:
    """Code-point offsets of the bracketed part of ``context`` in ``text``."""
    if context.count("[") != 1 or context.count("]") != 1:
        raise ValueError(f"context needs exactly one [bracketed] part: {context!r}")
    before, rest = context.split("[")
    inner, after = rest.split("]")
    plain = before + inner + after
    hits: list[int] = []
    start = text.find(plain)
    while start >= 0:
        hits.append(start)
        start = text.find(plain, start + 1)
    if not hits:
        raise ValueError(f"context not found: {plain!r}")
    if nth is None and len(hits) > 1:
        raise ValueError(f"context occurs {len(hits)} times, pass nth=: {plain!r}")
    begin = hits[nth or 0] + len(before)
    return begin, begin + len(inner)


def occurrence_at(text: str, surface: str, start: int) -> int:
    """Which occurrence of ``surface`` starts at ``start``, counted as RecordBuilder.span does."""
    index, found = 0, text.find(surface)
    while found != start:
        if found < 0 or found > start:
            raise ValueError(f"{surface!r} does not start at {start}")
        index, found = index + 1, text.find(surface, found + 1)
    return index


@dataclass
class BlindDoc:
    """One document under annotation: the exact text, its dateline date and its builder."""

    doc_id: str
    text: str
    published: str | None
    builder: RecordBuilder = field(init=False)

    def __post_init__(self) -> None:
        self.builder = RecordBuilder(self.text, self.doc_id, published=self.published)

    def _surface(self, context: str, nth: int | None) -> tuple[str, int]:
        start, end = locate(self.text, context, nth)
        surface = self.text[start:end]
        return surface, occurrence_at(self.text, surface, start)

    def m(
        self, context: str, mention_type: str, normalized: str | None = None, nth: int | None = None
    ) -> str:
        surface, occurrence = self._surface(context, nth)
        return self.builder.mention(
            surface,
            mention_type,
            normalized=normalized,
            occurrence=occurrence,
            provenance=PROVENANCE,
        )

    def ev(
        self,
        event_type: str,
        context: str,
        arguments: dict[str, list[str]],
        *,
        polarity: str,
        modality: str,
        tense: str,
        genericity: str,
        attribution: str | None = None,
        nth: int | None = None,
        **attributes: str,
    ) -> str:
        surface, occurrence = self._surface(context, nth)
        return self.builder.event(
            event_type,
            surface,
            arguments,
            occurrence=occurrence,
            attribution=attribution,
            provenance=PROVENANCE,
            polarity=polarity,
            modality=modality,
            tense=tense,
            genericity=genericity,
            **attributes,
        )

    def record(self) -> DocumentRecord:
        record = self.builder.build()
        return record.model_copy(
            update={"annotation": AnnotationInfo(source="hand", annotator=ANNOTATOR)}
        )


def lines(*parts: str, newline: str = "\n") -> str:
    """A document text: paragraphs joined by ``newline`` and ending with one."""
    return newline.join(parts) + newline


# --------------------------------------------------------------------------- 01


def doc_01_eu_iran_sanctions() -> BlindDoc:
    """EU sanctions on Iranian officials; an accusation, a denial without a transfer word."""
    d = BlindDoc(
        "blind_01_eu_iran_sanctions",
        lines(
            "EU sanctions Iranian officials and firms in drone row",
            "March 17, 2025 4:12 PM UTC",
            "",
            "BRUSSELS, March 17 (Reuters) - The European Union imposed sanctions on Monday on"
            " seven Iranian officials and two companies over the supply of drones to Russia,"
            " diplomats said.",
            "The EU accuses Tehran of shipping Shahed drones and ballistic missiles to Moscow for"
            " use in Ukraine, a charge Iran denies.",
            '"Those who arm Russia\'s war will pay a price," EU foreign policy chief Kaja Kallas'
            " told reporters in Brussels.",
            "Hungary had blocked the package until talks with Kallas on Friday, two diplomats"
            " said.",
        ),
        published="2025-03-17",
    )
    regime = "EU sanctions on Iran over drone supplies to Russia"

    # Headline: the verb "sanctions" is the predicate (G1.3); the headline's present tense
    # reports a completed act (G3.4).
    eu_h = d.m("[EU] sanctions Iranian", "ORG", EU)
    d.m("EU sanctions [Iranian] officials and firms", "GPE", "IRN")
    officials_h = d.m("EU sanctions [Iranian officials] and firms", "PERSON")
    firms_h = d.m("Iranian officials and [firms] in drone", "ORG")
    d.m("firms in [drone] row", "WEAPON", "drones")
    d.ev(
        "sanction",
        "EU [sanctions] Iranian",
        {"imposer": [eu_h], "target": [officials_h, firms_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="impose",
    )
    d.m("[March 17, 2025] 4:12", "DATE", "2025-03-17")

    # S1: "diplomats said" frames the whole sentence (G3.3, G4).
    d.m("[BRUSSELS], March 17", "GPE", "BE-BRU")
    d.m("BRUSSELS, [March 17] (Reuters)", "DATE", "2025-03-17")
    d.m("([Reuters]) -", "ORG", REUTERS)
    eu_1 = d.m("The [European Union] imposed", "ORG", EU)
    sanctions_1 = d.m("imposed [sanctions] on Monday", "LEGAL_INSTRUMENT", regime)
    monday = d.m("sanctions on [Monday] on", "DATE", "2025-03-17")
    d.m("[seven] Iranian officials", "QUANTITY", "7 officials")
    d.m("seven [Iranian] officials and two", "GPE", "IRN")
    officials_1 = d.m("seven [Iranian officials] and two", "PERSON")
    d.m("and [two] companies", "QUANTITY", "2 companies")
    companies = d.m("two [companies] over", "ORG")
    reason = d.m("over the [supply of drones to Russia]", "ISSUE")
    drones_1 = d.m("supply of [drones] to Russia", "WEAPON", "drones")
    russia_1 = d.m("drones to [Russia], diplomats", "GPE", "RUS")
    diplomats_1 = d.m("Russia, [diplomats] said", "PERSON")
    d.ev(
        "sanction",
        "Union [imposed] sanctions",
        {
            "imposer": [eu_1],
            "target": [officials_1, companies],
            "instrument": [sanctions_1],
            "reason": [reason],
            "time": [monday],
        },
        attribution=diplomats_1,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        action="impose",
    )
    # The reason clause holds a transfer event of another type (G1.2); its supplier is
    # implicit (G2). Stated as fact inside the diplomats' report, not as their accusation.
    d.ev(
        "arms_transfer_policy",
        "over the [supply] of drones",
        {"recipient": [russia_1], "item": [drones_1]},
        attribution=diplomats_1,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        stance="supplying",
    )

    # S2: the accusation is the event; "a charge Iran denies" has no transfer word of its own,
    # so the denial is no second event (G1.2: reporting verbs are not triggers).
    eu_2 = d.m("The [EU] accuses", "ORG", EU)
    tehran = d.m("accuses [Tehran] of", "GPE", "IRN")
    shahed = d.m("shipping [Shahed drones] and", "WEAPON", "drones")
    missiles = d.m("and [ballistic missiles] to Moscow", "WEAPON", "ballistic missiles")
    moscow = d.m("missiles to [Moscow] for use", "GPE", "RUS")
    d.m("for use in [Ukraine], a charge", "GPE", "UKR")
    d.m("a charge [Iran] denies", "GPE", "IRN")
    d.ev(
        "arms_transfer_policy",
        "Tehran of [shipping] Shahed",
        {"supplier": [tehran], "recipient": [moscow], "item": [shahed, missiles]},
        attribution=eu_2,
        polarity="positive",
        modality="alleged",
        tense="present",
        genericity=S,
        stance="accused_of_supplying",
    )

    # S3: a quoted generic statement about whoever arms Russia (G3.5).
    russia_3 = d.m("who arm [Russia]'s war", "GPE", "RUS")
    d.m('price," [EU] foreign policy', "ORG", EU)
    kallas_3 = d.m("EU [foreign policy chief Kaja Kallas] told", "PERSON", "Kaja Kallas")
    d.m("reporters in [Brussels].", "GPE", "BE-BRU")
    d.ev(
        "arms_transfer_policy",
        "Those who [arm] Russia",
        {"recipient": [russia_3]},
        attribution=kallas_3,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity="generic",
        stance="supplying",
    )

    # S4: blocking an EU package (not a UN act) is a sanction with action=block (G1.3).
    hungary = d.m("[Hungary] had blocked", "GPE", "HUN")
    package = d.m("blocked the [package] until", "LEGAL_INSTRUMENT", regime)
    kallas_4 = d.m("talks with [Kallas] on Friday", "PERSON", "Kaja Kallas")
    friday = d.m("Kallas on [Friday]", "DATE", "2025-03-14")
    d.m("Friday, [two] diplomats", "QUANTITY", "2 diplomats")
    diplomats_4 = d.m("two [diplomats] said.", "PERSON")
    d.ev(
        "sanction",
        "Hungary had [blocked] the package",
        {"imposer": [hungary], "instrument": [package]},
        attribution=diplomats_4,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        action="block",
    )
    d.ev(
        "diplomatic_meeting",
        "until [talks] with Kallas",
        {"participants": [hungary, kallas_4], "time": [friday]},
        attribution=diplomats_4,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        format="bilateral",
    )
    return d


# --------------------------------------------------------------------------- 02


def doc_02_us_carrier_gulf() -> BlindDoc:
    """A carrier ordered to the Middle East, one already stationed, squadrons approved."""
    d = BlindDoc(
        "blind_02_us_carrier_gulf",
        lines(
            "Pentagon orders second carrier to Middle East as Iran tensions rise",
            "Updated 9:14 PM GMT+1, April 8, 2025",
            "",
            "WASHINGTON (AP) \u2014 Defense Secretary Pete Hegseth has ordered the USS Carl Vinson"
            " carrier strike group to sail from the Indo-Pacific to the Middle East, the Pentagon"
            " said Tuesday.",
            "Once it arrives, the Vinson will operate alongside the USS Harry S. Truman, which has"
            " been stationed in the Red Sea since December.",
            "Hegseth also approved the deployment of additional squadrons of aircraft, spokesman"
            " Sean Parnell said, without giving numbers.",
            '"We are not seeking a war with Iran," a U.S. official said on condition of'
            ' anonymity, "but we will defend our forces."',
            "The moves follow President Donald Trump's warning that Tehran faces bombing if it"
            " rejects a new nuclear deal.",
        ),
        published="2025-04-08",
    )
    # Headline: "orders" is the only word for the movement, so it is the trigger; the order
    # has been given (status ordered, G1.3; the order itself is past, G3.4). The Pentagon
    # orders as the department (G6), so it stays an ORG.
    pentagon_h = d.m("[Pentagon] orders", "ORG", DOD)
    carrier_h = d.m("second [carrier] to", "MILITARY_UNIT", US_NAVY)
    mideast_h = d.m("carrier to [Middle East] as", "LOC")
    d.m("as [Iran] tensions", "GPE", "IRN")
    d.ev(
        "deployment",
        "Pentagon [orders] second",
        {"deployer": [pentagon_h], "deployed": [carrier_h], "destination": [mideast_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        status="ordered",
    )
    d.m("GMT+1, [April 8, 2025]", "DATE", "2025-04-08")

    # S1: "ordered X to sail": the movement word is the trigger, the order its status
    # (like "raised the possibility of supplying", G1.2). "Tuesday" dates the statement (G8).
    d.m("[WASHINGTON] (AP)", "GPE", "US-DC")
    d.m("WASHINGTON ([AP])", "ORG", "Associated Press")
    hegseth_1 = d.m("[Defense Secretary Pete Hegseth] has", "PERSON", "Pete Hegseth")
    vinson_1 = d.m("the [USS Carl Vinson carrier strike group] to sail", "MILITARY_UNIT", US_NAVY)
    indopac = d.m("from the [Indo-Pacific] to", "LOC")
    mideast_1 = d.m("to the [Middle East], the Pentagon", "LOC")
    pentagon_1 = d.m("the [Pentagon] said Tuesday", "ORG", DOD)
    d.m("said [Tuesday].", "DATE", "2025-04-08")
    d.ev(
        "deployment",
        "group to [sail] from",
        {
            "deployer": [hegseth_1],
            "deployed": [vinson_1],
            "origin": [indopac],
            "destination": [mideast_1],
        },
        attribution=pentagon_1,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        status="ordered",
    )

    # S2: the arrival is scheduled by the deployer (planned, future); "operate alongside" is
    # activity, not movement or stationing (G1.4); "stationed ... since December" is.
    vinson_2 = d.m("the [Vinson] will operate", "MILITARY_UNIT", US_NAVY)
    truman = d.m("the [USS Harry S. Truman], which", "MILITARY_UNIT", US_NAVY)
    red_sea = d.m("in the [Red Sea] since", "LOC")
    december = d.m("since [December].", "DATE", "2024-12")
    d.ev(
        "deployment",
        "Once it [arrives]",
        {"deployed": [vinson_2]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        status="arrived",
    )
    d.ev(
        "deployment",
        "has been [stationed] in the Red Sea",
        {"deployed": [truman], "location": [red_sea], "time": [december]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        status="arrived",
    )

    # S3: approved, not yet moving: ordered. Pre-modifiers stay in the unit span (G5).
    hegseth_3 = d.m("[Hegseth] also approved", "PERSON", "Pete Hegseth")
    squadrons = d.m("of [additional squadrons] of aircraft", "MILITARY_UNIT", US_NAVY)
    d.m("squadrons of [aircraft], spokesman", "WEAPON", "aircraft")
    parnell = d.m("aircraft, [spokesman Sean Parnell] said", "PERSON", "Sean Parnell")
    d.ev(
        "deployment",
        "approved the [deployment] of",
        {"deployer": [hegseth_3], "deployed": [squadrons]},
        attribution=parnell,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        status="ordered",
    )

    # S4-S5: no event ("seeking a war", "bombing" and a "nuclear deal" are out of scope).
    d.m("a war with [Iran],", "GPE", "IRN")
    d.m("a [U.S.] official said", "GPE", "USA")
    d.m("defend our [forces].", "MILITARY_UNIT", "United States Armed Forces")
    d.m("follow [President Donald Trump]'s warning", "PERSON", "Donald Trump")
    d.m("warning that [Tehran] faces", "GPE", "IRN")
    return d


# --------------------------------------------------------------------------- 03


def doc_03_ecowas_niger() -> BlindDoc:
    """ECOWAS lifts sanctions on Niger at a summit; some sanctions stay in force."""
    d = BlindDoc(
        "blind_03_ecowas_niger",
        lines(
            "February 24, 2024 5:37 PM UTC",
            "",
            "ABUJA, Feb 24 (Reuters) - West African leaders lifted sweeping economic sanctions on"
            " Niger on Saturday, easing pressure on the junta that seized power in Niamey last"
            " July.",
            "The decision came at an emergency summit of the Economic Community of West African"
            " States (ECOWAS) in the Nigerian capital, where the bloc's heads of state also urged"
            " Mali, Burkina Faso and Niger to reconsider their exit.",
            '"We must re-examine our current approach," Nigerian President Bola Tinubu, the'
            " ECOWAS chairman, told fellow leaders.",
            "African Union Commission chairperson Moussa Faki Mahamat, who attended the talks,"
            " welcomed the move.",
            "Some travel bans on junta members and targeted sanctions remain in place, officials"
            " said.",
        ),
        published="2024-02-24",
    )
    ecowas = "Economic Community of West African States"
    d.m("[February 24, 2024] 5:37", "DATE", "2024-02-24")

    # S1
    d.m("[ABUJA], Feb 24", "GPE", "NG-FC")
    d.m("ABUJA, [Feb 24] (Reuters)", "DATE", "2024-02-24")
    d.m("([Reuters]) -", "ORG", REUTERS)
    d.m("- [West African] leaders", "LOC")
    leaders = d.m("- [West African leaders] lifted", "PERSON")
    regime = d.m(
        "lifted [sweeping economic sanctions] on Niger",
        "LEGAL_INSTRUMENT",
        "ECOWAS sanctions on Niger",
    )
    niger_1 = d.m("sanctions on [Niger] on Saturday", "GPE", "NER")
    saturday = d.m("Niger on [Saturday], easing", "DATE", "2024-02-24")
    d.m("power in [Niamey] last July", "GPE", "NE-8")
    d.m("Niamey [last July].", "DATE", "2023-07")
    d.ev(
        "sanction",
        "leaders [lifted] sweeping",
        {"imposer": [leaders], "target": [niger_1], "instrument": [regime], "time": [saturday]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="lift",
    )

    # S2: a summit of the bloc; "urged ... to reconsider their exit" is no event type.
    bloc = d.m("summit of the [Economic Community of West African States] (", "ORG", ecowas)
    d.m("States ([ECOWAS]) in", "ORG", ecowas)
    capital = d.m("in the [Nigerian capital], where", "GPE", "NG-FC")
    d.m("in the [Nigerian] capital, where", "GPE", "NGA")
    heads = d.m("the bloc's [heads of state] also", "PERSON")
    d.m("also urged [Mali], Burkina", "GPE", "MLI")
    d.m("Mali, [Burkina Faso] and", "GPE", "BFA")
    d.m("Burkina Faso and [Niger] to reconsider", "GPE", "NER")
    d.ev(
        "diplomatic_meeting",
        "an emergency [summit] of",
        {"participants": [bloc, heads], "location": [capital]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        format="multilateral",
    )

    # S3: no event.
    d.m('approach," [Nigerian] President', "GPE", "NGA")
    d.m("Nigerian [President Bola Tinubu], the", "PERSON", "Bola Tinubu")
    d.m("Tinubu, the [ECOWAS] chairman", "ORG", ecowas)

    # S4: "the talks" is another mention of the summit (G0.3); "the move" is anaphoric (G1.2).
    d.m("[African Union Commission] chairperson", "ORG", "African Union Commission")
    faki = d.m("Commission [chairperson Moussa Faki Mahamat], who", "PERSON", "Moussa Faki Mahamat")
    d.ev(
        "diplomatic_meeting",
        "attended the [talks]",
        {"participants": [faki]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        format="multilateral",
    )

    # S5: two measures in force named by their nouns (G1.3: a regime in force).
    members = d.m("bans on [junta members] and", "PERSON")
    officials = d.m("in place, [officials] said", "PERSON")
    d.ev(
        "sanction",
        "Some travel [bans] on",
        {"target": [members]},
        attribution=officials,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        action="impose",
    )
    d.ev(
        "sanction",
        "targeted [sanctions] remain",
        {},
        attribution=officials,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        action="impose",
    )
    return d


# --------------------------------------------------------------------------- 04


def doc_04_china_veto_myanmar() -> BlindDoc:
    """A Chinese veto in the Security Council, votes for, an abstention, opposed sanctions."""
    d = BlindDoc(
        "blind_04_china_veto_myanmar",
        lines(
            "China vetoes UN call for Myanmar truce",
            "Published 12 May 2025",
            "",
            "UNITED NATIONS \u2014 China on Monday vetoed a British-drafted Security Council"
            " resolution demanding a ceasefire in Myanmar and unhindered aid access after the"
            " March earthquake.",
            "Thirteen of the council's 15 members voted in favour, while Russia abstained.",
            'Beijing\'s envoy Fu Cong told the chamber the text "would only complicate" a peace'
            " plan of Southeast Asian nations, adding that China opposed sanctions on the"
            " military government in Naypyidaw.",
            'British Ambassador Barbara Woodward called the veto "deeply disappointing" and said'
            " London would keep pressing for a council statement.",
            "It was China's first solo veto since 1999.",
        ),
        published="2025-05-12",
    )
    draft = "UN Security Council draft resolution on a ceasefire in Myanmar"

    # Headline
    china_h = d.m("[China] vetoes", "GPE", "CHN")
    call = d.m("vetoes [UN call] for", "LEGAL_INSTRUMENT", draft)
    d.m("vetoes [UN] call for", "ORG", UN)
    d.m("call for [Myanmar] truce", "GPE", "MMR")
    d.ev(
        "un_action",
        "China [vetoes] UN",
        {"actor": [china_h], "instrument": [call]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="veto",
    )
    d.m("Published [12 May 2025]", "DATE", "2025-05-12")

    # S1: the council is named as the forum of the veto (G1.3 body).
    d.m("[UNITED NATIONS] \u2014", "FACILITY", UN_HQ)
    china_1 = d.m("\u2014 [China] on Monday", "GPE", "CHN")
    monday = d.m("China on [Monday] vetoed", "DATE", "2025-05-12")
    resolution = d.m(
        "a [British-drafted Security Council resolution] demanding", "LEGAL_INSTRUMENT", draft
    )
    d.m("a [British]-drafted", "GPE", "GBR")
    council_1 = d.m("British-drafted [Security Council] resolution", "ORG", UNSC)
    d.m("ceasefire in [Myanmar] and", "GPE", "MMR")
    d.m("after the [March] earthquake", "DATE", "2025-03")
    d.ev(
        "un_action",
        "on Monday [vetoed] a British",
        {"actor": [china_1], "body": [council_1], "instrument": [resolution], "time": [monday]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="veto",
    )

    # S2
    d.m("[Thirteen] of the council", "QUANTITY", "13 members")
    council_2 = d.m("of the [council]'s 15", "ORG", UNSC)
    d.m("council's [15] members", "QUANTITY", "15 members")
    russia_2 = d.m("while [Russia] abstained", "GPE", "RUS")
    d.ev(
        "un_action",
        "members [voted] in favour",
        {"body": [council_2]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="vote_for",
    )
    d.ev(
        "un_action",
        "Russia [abstained]",
        {"actor": [russia_2]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="abstain",
    )

    # S3: a standing position reported by the envoy (G3.4 present, G4).
    d.m("[Beijing]'s envoy", "GPE", "CHN")
    fu = d.m("Beijing's [envoy Fu Cong] told", "PERSON", "Fu Cong")
    d.m("plan of [Southeast Asian] nations", "LOC")
    china_3 = d.m("adding that [China] opposed", "GPE", "CHN")
    sanctions_3 = d.m(
        "opposed [sanctions] on the military",
        "LEGAL_INSTRUMENT",
        "sanctions on the military government of Myanmar",
    )
    junta = d.m("on the [military government] in", "ORG")
    d.m("government in [Naypyidaw].", "GPE", "MM-18")
    d.ev(
        "sanction",
        "China [opposed] sanctions",
        {"imposer": [china_3], "target": [junta], "instrument": [sanctions_3]},
        attribution=fu,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        action="oppose",
    )

    # S4: "the veto" is another mention of the veto, presupposed (asserted, G3.2).
    d.m("[British] Ambassador", "GPE", "GBR")
    d.m("British [Ambassador Barbara Woodward] called", "PERSON", "Barbara Woodward")
    d.ev(
        "un_action",
        'called the [veto] "deeply',
        {},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="veto",
    )
    d.m("said [London] would", "GPE", "GBR")

    # S5
    china_5 = d.m("It was [China]'s first", "GPE", "CHN")
    d.m("since [1999].", "DATE", "1999")
    d.ev(
        "un_action",
        "first solo [veto] since",
        {"actor": [china_5]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="veto",
    )
    return d


# --------------------------------------------------------------------------- 05


def doc_05_germany_taurus() -> BlindDoc:
    """Germany refuses Taurus missiles (CRLF line endings); "Zelensky" spelling."""
    d = BlindDoc(
        "blind_05_germany_taurus",
        lines(
            "Scholz rules out sending Taurus missiles to Ukraine",
            "Mon 26 Feb 2024 18.05 GMT",
            "",
            "German Chancellor Olaf Scholz on Monday again refused to supply Kyiv with Taurus"
            " cruise missiles, saying their range of 500 km could drag Germany into the war.",
            '"German soldiers must at no point and in no place be linked to the targets this'
            ' system reaches," Scholz told a news conference in Berlin.',
            "The decision disappointed Ukraine's President Volodymyr Zelensky, who has urged"
            " Berlin to send the weapons since last May.",
            "Germany is Ukraine's second-largest military donor after the US and has delivered"
            " Leopard tanks and IRIS-T air defence systems.",
            "Opposition leader Friedrich Merz said a government he led would consider sending"
            " the missiles.",
            newline="\r\n",
        ),
        published="2024-02-26",
    )
    cruise = "cruise missiles"
    zelenskyy = "Volodymyr Zelenskyy"

    # Headline: a refusal is a stance, not a negation (G3.1, G3.7).
    scholz_h = d.m("[Scholz] rules out", "PERSON", "Olaf Scholz")
    taurus_h = d.m("sending [Taurus missiles] to", "WEAPON", cruise)
    ukraine_h = d.m("missiles to [Ukraine]\r\n", "GPE", "UKR")
    d.ev(
        "arms_transfer_policy",
        "rules out [sending] Taurus",
        {"supplier": [scholz_h], "recipient": [ukraine_h], "item": [taurus_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        stance="refusing",
    )
    d.m("[Mon 26 Feb 2024] 18.05", "DATE", "2024-02-26")

    # S1: the state behind the agent is named only by the adjective (G2).
    german_1 = d.m("[German] Chancellor", "GPE", "DEU")
    d.m("German [Chancellor Olaf Scholz] on", "PERSON", "Olaf Scholz")
    monday = d.m("Scholz on [Monday] again", "DATE", "2024-02-26")
    kyiv = d.m("supply [Kyiv] with", "GPE", "UKR")
    taurus_1 = d.m("with [Taurus cruise missiles], saying", "WEAPON", cruise)
    d.m("range of [500 km] could", "QUANTITY", "500 km")
    d.m("drag [Germany] into", "GPE", "DEU")
    d.ev(
        "arms_transfer_policy",
        "refused to [supply] Kyiv",
        {"supplier": [german_1], "recipient": [kyiv], "item": [taurus_1], "time": [monday]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        stance="refusing",
    )

    # S2: no event.
    d.m('"[German soldiers] must', "MILITARY_UNIT", "Bundeswehr")
    d.m('"[German] soldiers must', "GPE", "DEU")
    d.m("targets this [system] reaches", "WEAPON", cruise)
    d.m('reaches," [Scholz] told', "PERSON", "Olaf Scholz")
    d.m("conference in [Berlin].", "GPE", "DE-BE")

    # S3: someone other than the supplier asks for the transfer: requested (G3.2). The
    # requester has no role in schema 1.0.0 (guidelines, known limits) and is not a source.
    d.m("disappointed [Ukraine]'s President", "GPE", "UKR")
    d.m("Ukraine's [President Volodymyr Zelensky], who", "PERSON", zelenskyy)
    berlin_3 = d.m("urged [Berlin] to send", "GPE", "DEU")
    weapons_3 = d.m("send the [weapons] since", "WEAPON", cruise)
    d.m("since [last May].", "DATE", "2023-05")
    d.ev(
        "arms_transfer_policy",
        "Berlin to [send] the weapons",
        {"supplier": [berlin_3], "item": [weapons_3]},
        polarity="positive",
        modality="requested",
        tense="unspecified",
        genericity=S,
        stance="supplying",
    )

    # S4: "donor" is an agent noun (G1.2); the deliveries are the event.
    germany_4 = d.m("[Germany] is Ukraine", "GPE", "DEU")
    ukraine_4 = d.m("Germany is [Ukraine]'s second", "GPE", "UKR")
    d.m("after the [US] and", "GPE", "USA")
    tanks = d.m("delivered [Leopard tanks] and", "WEAPON", "tanks")
    iris = d.m("and [IRIS-T air defence systems].", "WEAPON", "air defence systems")
    d.ev(
        "arms_transfer_policy",
        "has [delivered] Leopard",
        {"supplier": [germany_4], "recipient": [ukraine_4], "item": [tanks, iris]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        stance="supplying",
    )

    # S5: "would consider": hypothetical (G3.2 wins over the considering stance's default).
    merz = d.m("[Opposition leader Friedrich Merz] said", "PERSON", "Friedrich Merz")
    government = d.m("said a [government] he led", "ORG")
    missiles_5 = d.m("sending the [missiles].", "WEAPON", cruise)
    d.ev(
        "arms_transfer_policy",
        "would consider [sending] the missiles",
        {"supplier": [government], "item": [missiles_5]},
        attribution=merz,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=S,
        stance="considering",
    )
    return d


# --------------------------------------------------------------------------- 06


def doc_06_india_pakistan_talks() -> BlindDoc:
    """A hotline call, a planned pull-back, a negated topic, a ruled-out dialogue."""
    d = BlindDoc(
        "blind_06_india_pakistan_talks",
        lines(
            "India, Pakistan military chiefs speak on hotline as ceasefire holds",
            "Last Updated: 13 May 2025, 09:40 IST",
            "",
            "NEW DELHI, May 13 (PTI) - The top military operations officers of India and"
            " Pakistan held talks over a hotline on Monday evening and agreed to consider troop"
            " reductions along the border, the Indian army said.",
            "There was no discussion of the Indus Waters Treaty, which New Delhi put in abeyance"
            " last month, officials in both capitals said.",
            'Prime Minister Narendra Modi said in a televised address that "terror and talks'
            ' cannot go together", ruling out a broader dialogue with Islamabad for now.',
            "Pakistan's foreign ministry said it was ready for talks at a neutral venue.",
        ),
        published="2025-05-13",
    )
    modi_name = "Narendra Modi"

    # Headline: the parties are named as the officers' states (G2).
    india_h = d.m("[India], Pakistan military", "GPE", "IND")
    pakistan_h = d.m("India, [Pakistan] military", "GPE", "PAK")
    d.ev(
        "diplomatic_meeting",
        "military chiefs [speak] on hotline",
        {"participants": [india_h, pakistan_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        format="call",
    )
    d.m("Updated: [13 May 2025], 09:40", "DATE", "2025-05-13")

    # S1
    d.m("[NEW DELHI], May 13", "GPE", "IN-DL")
    d.m("NEW DELHI, [May 13] (PTI)", "DATE", "2025-05-13")
    d.m("([PTI]) -", "ORG", "Press Trust of India")
    india_1 = d.m("officers of [India] and", "GPE", "IND")
    pakistan_1 = d.m("India and [Pakistan] held talks", "GPE", "PAK")
    evening = d.m("on [Monday evening] and", "DATE", "2025-05-12")
    troop = d.m("consider [troop] reductions", "MILITARY_UNIT")
    border = d.m("along the [border], the", "LOC")
    army = d.m("the [Indian army] said", "MILITARY_UNIT", "Indian Army")
    d.m("the [Indian] army said", "GPE", "IND")
    d.ev(
        "diplomatic_meeting",
        "Pakistan held [talks] over",
        {"participants": [india_1, pakistan_1], "time": [evening]},
        attribution=army,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        format="call",
    )
    # A pull-back agreed on by its own agents and not yet made (G3.2 planned, G3.4).
    d.ev(
        "deployment",
        "troop [reductions] along",
        {"deployed": [troop], "location": [border]},
        attribution=army,
        polarity="positive",
        modality="planned",
        tense="unspecified",
        genericity=S,
        status="withdrawn",
    )

    # S2: the talks said not to have covered the treaty (G3.1 explicit negation).
    treaty = d.m("of the [Indus Waters Treaty], which", "LEGAL_INSTRUMENT", "Indus Waters Treaty")
    d.m("which [New Delhi] put", "GPE", "IND")
    d.m("abeyance [last month], officials", "DATE", "2025-04")
    officials = d.m("month, [officials] in both", "PERSON")
    d.ev(
        "diplomatic_meeting",
        "There was no [discussion] of",
        {"topic": [treaty]},
        attribution=officials,
        polarity="negative",
        modality="reported",
        tense="past",
        genericity=S,
    )

    # S3: a generic quoted maxim under a negated possibility modal (G3.2, G3.5), then a
    # dialogue ruled out (the text says it will not happen: negative, G3.1).
    modi = d.m("[Prime Minister Narendra Modi] said", "PERSON", modi_name)
    islamabad = d.m("dialogue with [Islamabad] for now", "GPE", "PAK")
    d.ev(
        "diplomatic_meeting",
        '"terror and [talks] cannot',
        {},
        attribution=modi,
        polarity="negative",
        modality="hypothetical",
        tense="unspecified",
        genericity="generic",
    )
    d.ev(
        "diplomatic_meeting",
        "a broader [dialogue] with",
        {"participants": [modi, islamabad]},
        attribution=modi,
        polarity="negative",
        modality="reported",
        tense="future",
        genericity=S,
        format="bilateral",
    )

    # S4: "ready for talks" is planned by its own agent (G3.2, like "is ready to carry talks").
    pakistan_4 = d.m("[Pakistan]'s foreign ministry", "GPE", "PAK")
    ministry = d.m(
        "Pakistan's [foreign ministry] said",
        "ORG",
        "Ministry of Foreign Affairs of Pakistan",
    )
    venue = d.m("at a [neutral venue].", "LOC")
    d.ev(
        "diplomatic_meeting",
        "ready for [talks] at",
        {"participants": [pakistan_4], "location": [venue]},
        attribution=ministry,
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
    )
    return d


# --------------------------------------------------------------------------- 07


def doc_07_turkey_libya() -> BlindDoc:
    """Turkish parliament authorises troops for Libya; "Erdoğan" and "Erdogan" spellings."""
    d = BlindDoc(
        "blind_07_turkey_libya",
        lines(
            "January 2, 2020",
            "",
            "ANKARA, Turkey (AP) \u2014 Turkey\u2019s parliament on Thursday approved a motion"
            " allowing the government to send troops to Libya, where Ankara backs the"
            " U.N.-recognized government in Tripoli against forces loyal to Khalifa Hifter.",
            "President Recep Tayyip Erdo\u011fan said last week that Tripoli had asked for Turkish"
            " troops, and his spokesman said the first units could deploy as early as next week.",
            "The motion passed with 325 votes to 184, with the main opposition voting against it.",
            "Egypt, which supports Hifter along with the United Arab Emirates and Russia,"
            " condemned the vote.",
            "\u201cErdogan\u2019s adventure will drag Turkey into a swamp,\u201d an opposition"
            " lawmaker said.",
        ),
        published="2020-01-02",
    )
    erdogan = "Recep Tayyip Erdo\u011fan"
    tsk = "Turkish Armed Forces"
    d.m("[January 2, 2020]", "DATE", "2020-01-02")

    # S1: the authorised sending is a decided deployment (status ordered, G1.3); a national
    # parliament's vote is no un_action (G1.1).
    d.m("[ANKARA], Turkey", "GPE", "TR-06")
    d.m("ANKARA, [Turkey] (AP)", "GPE", "TUR")
    d.m("Turkey ([AP])", "ORG", "Associated Press")
    d.m("\u2014 [Turkey]\u2019s parliament", "GPE", "TUR")
    d.m("\u2014 Turkey\u2019s [parliament] on", "ORG", "Grand National Assembly of Turkey")
    d.m("on [Thursday] approved", "DATE", "2020-01-02")
    government = d.m("allowing the [government] to send", "GPE", "TUR")
    troops_1 = d.m("to send [troops] to Libya", "MILITARY_UNIT", tsk)
    libya = d.m("troops to [Libya], where", "GPE", "LBY")
    d.m("where [Ankara] backs", "GPE", "TUR")
    d.m("the [U.N.]-recognized", "ORG", UN)
    d.m("government in [Tripoli] against", "GPE", "LY-TB")
    d.m("against [forces] loyal", "MILITARY_UNIT", "Libyan National Army")
    d.m("loyal to [Khalifa Hifter].", "PERSON", "Khalifa Hifter")
    d.ev(
        "deployment",
        "government to [send] troops",
        {"deployer": [government], "deployed": [troops_1], "destination": [libya]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        status="ordered",
    )

    # S2: "asked for Turkish troops" has no deployment word; "could deploy": hypothetical.
    d.m("[President Recep Tayyip Erdo\u011fan] said", "PERSON", erdogan)
    d.m("said [last week] that", "DATE", "2019-W52")
    d.m("that [Tripoli] had asked", "GPE", "LBY")
    d.m("asked for [Turkish troops], and", "MILITARY_UNIT", tsk)
    d.m("asked for [Turkish] troops, and", "GPE", "TUR")
    spokesman = d.m("and his [spokesman] said", "PERSON")
    units = d.m("the [first units] could", "MILITARY_UNIT", tsk)
    next_week = d.m("as early as [next week].", "DATE", "2020-W02")
    d.ev(
        "deployment",
        "units could [deploy] as early",
        {"deployed": [units], "time": [next_week]},
        attribution=spokesman,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=S,
    )

    # S3-S5: votes and condemnation outside the UN are no events (G1.4).
    d.m("with [325] votes", "QUANTITY", "325 votes")
    d.m("votes to [184], with", "QUANTITY", "184 votes")
    d.m("[Egypt], which supports", "GPE", "EGY")
    d.m("supports [Hifter] along", "PERSON", "Khalifa Hifter")
    d.m("the [United Arab Emirates] and", "GPE", "ARE")
    d.m("Emirates and [Russia],", "GPE", "RUS")
    d.m("\u201c[Erdogan]\u2019s adventure", "PERSON", erdogan)
    d.m("will drag [Turkey] into", "GPE", "TUR")
    return d


# --------------------------------------------------------------------------- 08


def doc_08_japan_philippines() -> BlindDoc:
    """A reciprocal access pact, 2+2 talks, pledged radar systems."""
    d = BlindDoc(
        "blind_08_japan_philippines",
        lines(
            "Japan, Philippines sign troop pact amid South China Sea tensions",
            "Published 8 July 2024",
            "",
            "MANILA \u2014 Japan and the Philippines signed a defence pact on Monday that will"
            " allow each country to deploy troops on the other's soil for joint exercises, the"
            " first such agreement Tokyo has struck in Asia.",
            "The Reciprocal Access Agreement was signed by Japanese Foreign Minister Yoko"
            " Kamikawa and Philippine Defence Secretary Gilberto Teodoro in Manila, after"
            ' "two-plus-two" talks that also included Defence Minister Minoru Kihara and Foreign'
            " Secretary Enrique Manalo.",
            "Tokyo also pledged to provide five more coastal radar systems to the Philippine"
            " navy under its official security assistance programme, Kamikawa said.",
            "The pact must still be ratified by Japan's parliament.",
            'China\'s foreign ministry said the Asia-Pacific did not need "military blocs".',
        ),
        published="2024-07-08",
    )
    kamikawa_name = "Yoko Kamikawa"

    # Headline: signing and ratifying treaties are no event type (G1.4).
    d.m("[Japan], Philippines sign", "GPE", "JPN")
    d.m("Japan, [Philippines] sign", "GPE", "PHL")
    d.m("sign [troop] pact", "MILITARY_UNIT")
    d.m("amid [South China Sea] tensions", "LOC")
    d.m("Published [8 July 2024]", "DATE", "2024-07-08")

    # S1: what the pact allows is a general permission, not one deployment (G3.2, G3.5).
    d.m("[MANILA] \u2014", "GPE", "PH-00")
    d.m("\u2014 [Japan] and the Philippines", "GPE", "JPN")
    d.m("Japan and the [Philippines] signed", "GPE", "PHL")
    d.m("pact on [Monday] that", "DATE", "2024-07-08")
    country = d.m("allow each [country] to deploy", "GPE")
    troops = d.m("deploy [troops] on the other", "MILITARY_UNIT")
    d.m("agreement [Tokyo] has struck", "GPE", "JPN")
    d.m("struck in [Asia].", "LOC")
    d.ev(
        "deployment",
        "country to [deploy] troops",
        {"deployer": [country], "deployed": [troops]},
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity="generic",
    )

    # S2: the 2+2 talks; everyone named as taking part is a participant (G1.3).
    d.m("by [Japanese] Foreign Minister", "GPE", "JPN")
    kamikawa = d.m("Japanese [Foreign Minister Yoko Kamikawa] and", "PERSON", kamikawa_name)
    d.m("and [Philippine] Defence Secretary", "GPE", "PHL")
    teodoro = d.m(
        "Philippine [Defence Secretary Gilberto Teodoro] in", "PERSON", "Gilberto Teodoro"
    )
    manila = d.m("Teodoro in [Manila], after", "GPE", "PH-00")
    kihara = d.m("included [Defence Minister Minoru Kihara] and", "PERSON", "Minoru Kihara")
    manalo = d.m("and [Foreign Secretary Enrique Manalo].", "PERSON", "Enrique Manalo")
    d.ev(
        "diplomatic_meeting",
        '"two-plus-two" [talks] that',
        {"participants": [kamikawa, teodoro, kihara, manalo], "location": [manila]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        format="bilateral",
    )

    # S3: a pledge by the supplier itself: planned (G3.2, before "reported").
    tokyo_3 = d.m("[Tokyo] also pledged", "GPE", "JPN")
    five = d.m("provide [five] more", "QUANTITY", "5 systems")
    radars = d.m("more [coastal radar systems] to", "WEAPON", "radar systems")
    navy = d.m("to the [Philippine navy] under", "MILITARY_UNIT", "Philippine Navy")
    d.m("to the [Philippine] navy under", "GPE", "PHL")
    kamikawa_3 = d.m("programme, [Kamikawa] said", "PERSON", kamikawa_name)
    d.ev(
        "arms_transfer_policy",
        "pledged to [provide] five",
        {
            "supplier": [tokyo_3],
            "recipient": [navy],
            "item": [radars],
            "quantity": [five],
        },
        attribution=kamikawa_3,
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        stance="supplying",
    )

    # S4-S5: no event.
    d.m("ratified by [Japan]'s parliament", "GPE", "JPN")
    d.m("[China]'s foreign ministry", "GPE", "CHN")
    d.m("said the [Asia-Pacific] did", "LOC")
    return d


# --------------------------------------------------------------------------- 09


def doc_09_unsc_south_sudan() -> BlindDoc:
    """The Security Council renews a mission mandate; an unvetoed text; an arms embargo."""
    d = BlindDoc(
        "blind_09_unsc_south_sudan",
        lines(
            "U.N. Security Council extends South Sudan mission",
            "April 30, 2025 6:02 PM UTC",
            "",
            "UNITED NATIONS, April 30 (Reuters) - The U.N. Security Council on Wednesday renewed"
            " the mandate of its peacekeeping mission in South Sudan until April 30, 2026,"
            " keeping some 17,000 peacekeepers in the country as fears of a new civil war grow.",
            "The resolution drafted by the United States was adopted with 12 votes in favour,"
            " while China, Russia and Pakistan abstained.",
            "Russian deputy ambassador Anna Evstigneeva said Moscow objected to language on human"
            " rights, but did not block the text.",
            "The council also extended an arms embargo on South Sudan until May 31, 2026, a"
            " measure opposed by the African Union.",
        ),
        published="2025-04-30",
    )
    unmiss = "United Nations Mission in South Sudan"
    renewal = "UN Security Council resolution renewing the UNMISS mandate"
    embargo_name = "UN arms embargo on South Sudan"

    # Headline: the extended mission is the target (G1.3 un_action).
    council_h = d.m("[U.N. Security Council] extends", "ORG", UNSC)
    mission_h = d.m("extends [South Sudan mission]", "ORG", unmiss)
    d.m("extends [South Sudan] mission", "GPE", "SSD")
    d.ev(
        "un_action",
        "Council [extends] South",
        {"body": [council_h], "target": [mission_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="extend_mandate",
    )
    d.m("[April 30, 2025] 6:02", "DATE", "2025-04-30")

    # S1: "until April 30, 2026" is the end of the mandate, not the time of the act (G8).
    d.m("[UNITED NATIONS], April 30", "FACILITY", UN_HQ)
    d.m("UNITED NATIONS, [April 30] (Reuters)", "DATE", "2025-04-30")
    d.m("([Reuters]) -", "ORG", REUTERS)
    council_1 = d.m("The [U.N. Security Council] on Wednesday", "ORG", UNSC)
    wednesday = d.m("Council on [Wednesday] renewed", "DATE", "2025-04-30")
    mandate = d.m("renewed the [mandate] of its", "LEGAL_INSTRUMENT", "mandate of the " + unmiss)
    mission_1 = d.m("of its [peacekeeping mission] in", "ORG", unmiss)
    d.m("mission in [South Sudan] until", "GPE", "SSD")
    d.m("until [April 30, 2026], keeping", "DATE", "2026-04-30")
    some = d.m("keeping [some 17,000] peacekeepers", "QUANTITY", "~17000 peacekeepers")
    blue_helmets = d.m("17,000 [peacekeepers] in", "MILITARY_UNIT", unmiss)
    country = d.m("peacekeepers in the [country] as", "GPE", "SSD")
    d.ev(
        "un_action",
        "on Wednesday [renewed] the mandate",
        {
            "body": [council_1],
            "instrument": [mandate],
            "target": [mission_1],
            "time": [wednesday],
        },
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="extend_mandate",
    )
    # Keeping forces where they are is stationing (G1.1 "has them stationed there").
    d.ev(
        "deployment",
        "2026, [keeping] some",
        {
            "deployer": [council_1],
            "deployed": [blue_helmets],
            "quantity": [some],
            "location": [country],
        },
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        status="arrived",
    )

    # S2: drafting is no act of a UN body; adoption, the votes for and the abstentions are.
    resolution = d.m("The [resolution] drafted", "LEGAL_INSTRUMENT", renewal)
    d.m("drafted by the [United States] was", "GPE", "USA")
    d.m("with [12] votes", "QUANTITY", "12 votes")
    china = d.m("while [China], Russia", "GPE", "CHN")
    russia = d.m("China, [Russia] and Pakistan", "GPE", "RUS")
    pakistan = d.m("Russia and [Pakistan] abstained", "GPE", "PAK")
    d.ev(
        "un_action",
        "States was [adopted] with",
        {"instrument": [resolution]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="adopt",
    )
    d.ev(
        "un_action",
        "with 12 [votes] in favour",
        {"instrument": [resolution]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="vote_for",
    )
    d.ev(
        "un_action",
        "Pakistan [abstained]",
        {"actor": [china, russia, pakistan], "instrument": [resolution]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="abstain",
    )

    # S3: blocking a Council text is a veto (G1.3), here explicitly not cast (G3.1).
    d.m("[Russian] deputy ambassador", "GPE", "RUS")
    evstigneeva = d.m(
        "Russian [deputy ambassador Anna Evstigneeva] said", "PERSON", "Anna Evstigneeva"
    )
    moscow = d.m("said [Moscow] objected", "GPE", "RUS")
    text_3 = d.m("block the [text].", "LEGAL_INSTRUMENT", renewal)
    d.ev(
        "un_action",
        "did not [block] the text",
        {"actor": [moscow], "instrument": [text_3]},
        attribution=evstigneeva,
        polarity="negative",
        modality="reported",
        tense="past",
        genericity=S,
        action="veto",
    )

    # S4: an embargo extended by the council is a sanction (G1.3: sanction acts in the
    # Council are sanctions, not un_action); the AU's opposition is a second sanction event.
    council_4 = d.m("The [council] also extended", "ORG", UNSC)
    embargo = d.m("extended an [arms embargo] on", "LEGAL_INSTRUMENT", embargo_name)
    d.m("extended an [arms] embargo on", "WEAPON", "weapons")
    south_sudan_4 = d.m("embargo on [South Sudan] until", "GPE", "SSD")
    d.m("until [May 31, 2026], a", "DATE", "2026-05-31")
    au = d.m("opposed by the [African Union].", "ORG", "African Union")
    d.ev(
        "sanction",
        "council also [extended] an arms",
        {"imposer": [council_4], "target": [south_sudan_4], "instrument": [embargo]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="extend",
    )
    d.ev(
        "sanction",
        "measure [opposed] by",
        {"imposer": [au], "target": [south_sudan_4], "instrument": [embargo]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        action="oppose",
    )
    return d


# --------------------------------------------------------------------------- 10


def doc_10_us_lifts_syria_sanctions() -> BlindDoc:
    """The US lifts most Syria sanctions; sanctions in force; the EU's lifting and embargo."""
    d = BlindDoc(
        "blind_10_us_lifts_syria_sanctions",
        lines(
            "Trump signs order ending most U.S. sanctions on Syria",
            "June 30, 2025 10:51 PM UTC",
            "",
            "WASHINGTON, June 30 (Reuters) - President Donald Trump signed an executive order on"
            " Monday lifting most U.S. sanctions on Syria, following through on a promise he made"
            " during a visit to Riyadh in May, the White House said.",
            "Sanctions on former president Bashar al-Assad, his associates and suspected drug"
            " traffickers will stay in place, officials said.",
            "Syrian Foreign Minister Asaad al-Shaibani welcomed the decision, saying it would open"
            " the door to reconstruction.",
            "The European Union lifted its own economic sanctions on Damascus in May but has kept"
            " an arms embargo in force.",
            "Treasury officials will hold talks with Syrian bankers next week on reconnecting the"
            " country to the global financial system.",
        ),
        published="2025-06-30",
    )
    trump = "Donald Trump"
    us_regime = "US sanctions on Syria"

    # Headline: "ending" is the lifting predicate; "order" is the vehicle, not the regime.
    trump_h = d.m("[Trump] signs", "PERSON", trump)
    regime_h = d.m("ending most [U.S. sanctions] on Syria", "LEGAL_INSTRUMENT", us_regime)
    d.m("most [U.S.] sanctions on Syria\n", "GPE", "USA")
    syria_h = d.m("sanctions on [Syria]\n", "GPE", "SYR")
    d.ev(
        "sanction",
        "order [ending] most",
        {"imposer": [trump_h], "target": [syria_h], "instrument": [regime_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="lift",
    )
    d.m("[June 30, 2025] 10:51", "DATE", "2025-06-30")

    # S1: "the White House said" frames the whole sentence, the visit clause too (G3.3).
    d.m("[WASHINGTON], June 30", "GPE", "US-DC")
    d.m("WASHINGTON, [June 30] (Reuters)", "DATE", "2025-06-30")
    d.m("([Reuters]) -", "ORG", REUTERS)
    trump_1 = d.m("- [President Donald Trump] signed", "PERSON", trump)
    monday = d.m("order on [Monday] lifting", "DATE", "2025-06-30")
    regime_1 = d.m("lifting most [U.S. sanctions] on Syria,", "LEGAL_INSTRUMENT", us_regime)
    d.m("lifting most [U.S.] sanctions on Syria,", "GPE", "USA")
    syria_1 = d.m("sanctions on [Syria], following", "GPE", "SYR")
    riyadh = d.m("visit to [Riyadh] in May", "GPE", "SA-01")
    may_1 = d.m("Riyadh in [May], the White", "DATE", "2025-05")
    white_house = d.m("the [White House] said", "ORG", "White House")
    d.ev(
        "sanction",
        "Monday [lifting] most",
        {
            "imposer": [trump_1],
            "target": [syria_1],
            "instrument": [regime_1],
            "time": [monday],
        },
        attribution=white_house,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        action="lift",
    )
    d.ev(
        "diplomatic_meeting",
        "during a [visit] to Riyadh",
        {"participants": [trump_1], "location": [riyadh], "time": [may_1]},
        attribution=white_house,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        format="visit",
    )

    # S2: a regime that stays in force, named by the bare noun (G1.3).
    assad = d.m("on [former president Bashar al-Assad], his", "PERSON", "Bashar al-Assad")
    associates = d.m("his [associates] and", "PERSON")
    traffickers = d.m("and [suspected drug traffickers] will", "PERSON")
    officials = d.m("in place, [officials] said", "PERSON")
    d.ev(
        "sanction",
        "[Sanctions] on former",
        {"target": [assad, associates, traffickers]},
        attribution=officials,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        action="impose",
    )

    # S3: no event.
    d.m("[Syrian] Foreign Minister", "GPE", "SYR")
    d.m("Syrian [Foreign Minister Asaad al-Shaibani] welcomed", "PERSON", "Asaad al-Shaibani")

    # S4: "has kept ... in force": the predicate governs the embargo (G1.3), a regime in
    # force (impose, present). Its target is not restated: implicit (G2).
    eu = d.m("The [European Union] lifted", "ORG", EU)
    eu_regime = d.m(
        "its own [economic sanctions] on Damascus",
        "LEGAL_INSTRUMENT",
        "EU economic sanctions on Syria",
    )
    damascus = d.m("sanctions on [Damascus] in May", "GPE", "SYR")
    may_4 = d.m("Damascus in [May] but", "DATE", "2025-05")
    embargo = d.m("kept an [arms embargo] in force", "LEGAL_INSTRUMENT", "EU arms embargo on Syria")
    d.m("kept an [arms] embargo in force", "WEAPON", "weapons")
    d.ev(
        "sanction",
        "Union [lifted] its own",
        {"imposer": [eu], "target": [damascus], "instrument": [eu_regime], "time": [may_4]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="lift",
    )
    d.ev(
        "sanction",
        "has [kept] an arms",
        {"imposer": [eu], "instrument": [embargo]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        action="impose",
    )

    # S5: scheduled talks (planned, future).
    treasury_officials = d.m("[Treasury officials] will", "PERSON")
    d.m("[Treasury] officials will", "ORG", "United States Department of the Treasury")
    bankers = d.m("with [Syrian bankers] next", "PERSON")
    d.m("with [Syrian] bankers next", "GPE", "SYR")
    next_week = d.m("bankers [next week] on", "DATE", "2025-W28")
    topic = d.m("on [reconnecting the country to the global financial system].", "ISSUE")
    d.ev(
        "diplomatic_meeting",
        "will hold [talks] with Syrian",
        {
            "participants": [treasury_officials, bankers],
            "time": [next_week],
            "topic": [topic],
        },
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        format="bilateral",
    )
    return d


# --------------------------------------------------------------------------- 11


def doc_11_iran_e3_geneva() -> BlindDoc:
    """Hard negatives: sanctions-relief talks are a meeting, not a sanction; a letter is sent."""
    d = BlindDoc(
        "blind_11_iran_e3_geneva",
        lines(
            "Iran, European powers hold sanctions relief talks in Geneva",
            "Published 20 June 2025",
            "",
            "GENEVA \u2014 Iranian Foreign Minister Abbas Araghchi met his British, French and"
            " German counterparts in Geneva on Friday for talks on Tehran's nuclear programme and"
            " sanctions relief, diplomats said.",
            'The so-called E3 have warned they could trigger the "snapback" of U.N. sanctions by'
            " the end of August if Iran does not return to negotiations with Washington.",
            "Araghchi sent a letter to U.N. Secretary-General Ant\u00f3nio Guterres on Thursday"
            " accusing the three countries of bad faith.",
            "A French diplomat said no breakthrough was expected, but the meeting showed"
            ' "diplomacy is not dead".',
        ),
        published="2025-06-20",
    )
    araghchi_name = "Abbas Araghchi"
    e3 = "E3"

    # Headline: "sanctions relief" names the topic of the talks; no lifting predicate and no
    # agent lifts anything, so it is no sanction event (G1.1: in doubt, nothing).
    iran_h = d.m("[Iran], European powers", "GPE", "IRN")
    powers = d.m("Iran, [European powers] hold", "GPE")
    d.m("Iran, [European] powers hold", "LOC")
    relief_h = d.m("hold [sanctions relief] talks", "ISSUE")
    geneva_h = d.m("talks in [Geneva]\n", "GPE", "CH-GE")
    d.ev(
        "diplomatic_meeting",
        "sanctions relief [talks] in",
        {"participants": [iran_h, powers], "location": [geneva_h], "topic": [relief_h]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        format="multilateral",
    )
    d.m("Published [20 June 2025]", "DATE", "2025-06-20")

    # S1: "met ... for talks" is one meeting: the main verb is the trigger, "for talks" its
    # purpose (G1.2, as travel + purpose).
    d.m("[GENEVA] \u2014", "GPE", "CH-GE")
    d.m("\u2014 [Iranian] Foreign", "GPE", "IRN")
    araghchi = d.m("Iranian [Foreign Minister Abbas Araghchi] met", "PERSON", araghchi_name)
    counterparts = d.m("his [British, French and German counterparts] in", "PERSON")
    d.m("his [British], French", "GPE", "GBR")
    d.m("British, [French] and German", "GPE", "FRA")
    d.m("French and [German] counterparts", "GPE", "DEU")
    geneva_1 = d.m("counterparts in [Geneva] on Friday", "GPE", "CH-GE")
    friday = d.m("Geneva on [Friday] for", "DATE", "2025-06-20")
    d.m("talks on [Tehran]'s nuclear", "GPE", "IRN")
    programme = d.m("Tehran's [nuclear programme] and", "ISSUE")
    relief_1 = d.m("programme and [sanctions relief], diplomats", "ISSUE")
    diplomats = d.m("relief, [diplomats] said", "PERSON")
    d.ev(
        "diplomatic_meeting",
        "Araghchi [met] his",
        {
            "participants": [araghchi, counterparts],
            "location": [geneva_1],
            "time": [friday],
            "topic": [programme, relief_1],
        },
        attribution=diplomats,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        format="multilateral",
    )

    # S2: the snapback re-imposes U.N. sanctions: a sanction under "could" (hypothetical);
    # the negotiations are conditional and negated (G3.1, G3.2).
    e3_2 = d.m("so-called [E3] have", "ORG", e3)
    un_sanctions = d.m(
        "of [U.N. sanctions] by",
        "LEGAL_INSTRUMENT",
        "UN Security Council sanctions on Iran",
    )
    d.m("of [U.N.] sanctions by", "ORG", UN)
    august = d.m("by the [end of August] if", "DATE", "2025-08")
    iran_2 = d.m("if [Iran] does not", "GPE", "IRN")
    washington = d.m("negotiations with [Washington].", "GPE", "USA")
    d.ev(
        "sanction",
        'the "[snapback]" of',
        {"imposer": [e3_2], "instrument": [un_sanctions], "time": [august]},
        attribution=e3_2,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=S,
        action="impose",
    )
    d.ev(
        "diplomatic_meeting",
        "return to [negotiations] with",
        {"participants": [iran_2, washington]},
        attribution=e3_2,
        polarity="negative",
        modality="hypothetical",
        tense="future",
        genericity=S,
        format="bilateral",
    )

    # S3: sending a letter is no event of any type.
    d.m("[Araghchi] sent", "PERSON", araghchi_name)
    d.m("to [U.N.] Secretary-General", "ORG", UN)
    d.m(
        "U.N. [Secretary-General Ant\u00f3nio Guterres] on",
        "PERSON",
        "Ant\u00f3nio Guterres",
    )
    d.m("Guterres on [Thursday] accusing", "DATE", "2025-06-19")
    d.m("accusing the [three] countries", "QUANTITY", "3 countries")

    # S4: "the meeting" is another mention of the Geneva meeting (G0.3).
    diplomat = d.m("A [French diplomat] said", "PERSON")
    d.m("A [French] diplomat said", "GPE", "FRA")
    d.ev(
        "diplomatic_meeting",
        "the [meeting] showed",
        {},
        attribution=diplomat,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
    )
    return d


# --------------------------------------------------------------------------- 12


def doc_12_football_negatives() -> BlindDoc:
    """Hard negatives only: a football "deployment", club talks, a letter, software, an embargo."""
    d = BlindDoc(
        "blind_12_football_negatives",
        lines(
            "Guardiola deploys Gvardiol at left-back as City cruise past Brentford",
            "Published 14 September 2024",
            "",
            "MANCHESTER, England \u2014 Pep Guardiola deployed Josko Gvardiol at left-back again on"
            " Saturday, and the defender rewarded his manager with the winning header against"
            " Brentford.",
            "City held talks with Bayer Leverkusen over a transfer earlier this week, but"
            ' Guardiola insisted his squad was "strong enough".',
            "The club also sent a letter to the Premier League protesting a ban on Rodri, and has"
            " deployed new video-analysis software at its training ground.",
            "Brentford's travelling army of supporters was under a club-imposed embargo on flags"
            " after last season's trouble.",
        ),
        published="2024-09-14",
    )
    # Every event word here is about sport or software: no event (G1.1 "in doubt, nothing";
    # club-to-club talks are not diplomatic, a club's embargo on flags is no sanction).
    guardiola, gvardiol = "Pep Guardiola", "Jo\u0161ko Gvardiol"
    city, brentford = "Manchester City F.C.", "Brentford F.C."
    d.m("[Guardiola] deploys", "PERSON", guardiola)
    d.m("deploys [Gvardiol] at", "PERSON", gvardiol)
    d.m("as [City] cruise", "ORG", city)
    d.m("cruise past [Brentford]\n", "ORG", brentford)
    d.m("Published [14 September 2024]", "DATE", "2024-09-14")
    d.m("[MANCHESTER], England", "GPE", "GB-MAN")
    d.m("MANCHESTER, [England] \u2014", "GPE", "GB-ENG")
    d.m("\u2014 [Pep Guardiola] deployed", "PERSON", guardiola)
    d.m("deployed [Josko Gvardiol] at", "PERSON", gvardiol)
    d.m("again on [Saturday], and", "DATE", "2024-09-14")
    d.m("header against [Brentford].", "ORG", brentford)
    d.m("[City] held talks", "ORG", city)
    d.m("talks with [Bayer Leverkusen] over", "ORG", "Bayer 04 Leverkusen")
    d.m("transfer [earlier this week], but", "DATE", "2024-W37")
    d.m("but [Guardiola] insisted", "PERSON", guardiola)
    d.m("to the [Premier League] protesting", "ORG", "Premier League")
    d.m("ban on [Rodri], and", "PERSON", "Rodri")
    d.m("[Brentford]'s travelling", "ORG", brentford)
    d.m("after [last season]'s trouble", "DATE")
    return d


# --------------------------------------------------------------------------- 13


def doc_13_london_summit_live() -> BlindDoc:
    """A live blog with emoji (non-BMP code points before most spans); "Zelenskyy" spelling."""
    d = BlindDoc(
        "blind_13_london_summit_live",
        lines(
            "\U0001f534 LIVE: European leaders gather in London for Ukraine summit",
            "Published 2 March 2025",
            "",
            "Ukrainian President Volodymyr Zelenskyy has arrived at Lancaster House for talks"
            " with Keir Starmer and more than a dozen European leaders, after his clash with"
            " Donald Trump in the Oval Office on Friday. \U0001f1fa\U0001f1e6\U0001f1ec\U0001f1e7",
            "Starmer announced that Britain will use \u00a31.6bn of export finance to buy more"
            " than 5,000 air defence missiles for Kyiv, made in Belfast.",
            'He also said the UK and France were ready to put "boots on the ground" as part of a'
            ' "coalition of the willing" to guarantee any peace deal.',
            "The Kremlin has repeatedly said it would not accept European troops in Ukraine.",
        ),
        published="2025-03-02",
    )
    zelenskyy, starmer = "Volodymyr Zelenskyy", "Keir Starmer"

    # Headline: "gather ... for summit" is one meeting, triggered by the meeting word (G1.2).
    leaders_h = d.m("LIVE: [European leaders] gather", "PERSON")
    d.m("LIVE: [European] leaders gather", "LOC")
    london = d.m("gather in [London] for", "GPE", "GBR")
    d.m("for [Ukraine] summit", "GPE", "UKR")
    d.ev(
        "diplomatic_meeting",
        "Ukraine [summit]\n",
        {"participants": [leaders_h], "location": [london]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        format="multilateral",
    )
    d.m("Published [2 March 2025]", "DATE", "2025-03-02")

    # S1: "arrived at X for talks": the meeting word governs the travel word (G1.2).
    d.m("[Ukrainian] President", "GPE", "UKR")
    zel = d.m("Ukrainian [President Volodymyr Zelenskyy] has", "PERSON", zelenskyy)
    house = d.m("arrived at [Lancaster House] for", "FACILITY", "Lancaster House")
    starmer_1 = d.m("talks with [Keir Starmer] and", "PERSON", starmer)
    d.m("and [more than a dozen] European", "QUANTITY", ">=13 leaders")
    leaders_1 = d.m("a dozen [European leaders], after", "PERSON")
    d.m("a dozen [European] leaders, after", "LOC")
    d.m("clash with [Donald Trump] in", "PERSON", "Donald Trump")
    d.m("in the [Oval Office] on", "FACILITY", "Oval Office")
    d.m("Office on [Friday].", "DATE", "2025-02-28")
    d.ev(
        "diplomatic_meeting",
        "House for [talks] with",
        {"participants": [zel, starmer_1, leaders_1], "location": [house]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        format="multilateral",
    )

    # S2: buying missiles for Kyiv is supplying them; announced by its own agent: planned.
    starmer_2 = d.m("[Starmer] announced", "PERSON", starmer)
    britain = d.m("that [Britain] will use", "GPE", "GBR")
    money = d.m("will use [\u00a31.6bn] of", "MONEY", "1600000000 GBP")
    count = d.m("buy [more than 5,000] air", "QUANTITY", ">5000 missiles")
    missiles = d.m("5,000 [air defence missiles] for", "WEAPON", "air defence missiles")
    kyiv = d.m("missiles for [Kyiv], made", "GPE", "UKR")
    d.m("made in [Belfast].", "GPE", "GB-BFS")
    d.ev(
        "arms_transfer_policy",
        "finance to [buy] more",
        {
            "supplier": [britain],
            "recipient": [kyiv],
            "item": [missiles],
            "quantity": [money, count],
        },
        attribution=starmer_2,
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        stance="supplying",
    )

    # S3: "put boots on the ground" = send troops; "ready to": planned (G3.2). The deployer
    # role holds one mention: the first conjunct, as attribution does (G4).
    he = d.m("[He] also said", "PERSON", starmer)
    uk = d.m("the [UK] and France", "GPE", "GBR")
    d.m("UK and [France] were", "GPE", "FRA")
    boots = d.m('"[boots] on the ground"', "MILITARY_UNIT")
    d.ev(
        "deployment",
        'ready to [put] "boots',
        {"deployer": [uk], "deployed": [boots]},
        attribution=he,
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
    )

    # S4: "accept troops in Ukraine" has no deployment word and no copula (G1.2): no event.
    d.m("The [Kremlin] has", "GPE", "RUS")
    d.m("accept [European troops] in", "MILITARY_UNIT")
    d.m("accept [European] troops in", "LOC")
    d.m("troops in [Ukraine].", "GPE", "UKR")
    return d


# --------------------------------------------------------------------------- 14


def doc_14_poland_no_troops() -> BlindDoc:
    """Negated, planned and hypothetical deployments; scheduled meetings; ongoing supply."""
    d = BlindDoc(
        "blind_14_poland_no_troops",
        lines(
            "Poland will not send troops to Ukraine, Tusk says before Paris meeting",
            "February 17, 2025 11:20 AM UTC",
            "",
            "WARSAW, Feb 17 (Reuters) - Poland does not plan to send its soldiers to Ukraine as"
            " part of any post-war peacekeeping force, Prime Minister Donald Tusk said on Monday"
            " before flying to Paris for an emergency meeting of European leaders.",
            "French President Emmanuel Macron called the meeting after U.S. officials said Europe"
            " would have no seat at upcoming U.S.-Russia talks in Saudi Arabia.",
            "Britain's Keir Starmer said over the weekend he was willing to deploy British troops"
            " if a ceasefire was agreed.",
            '"We must not allow Russia to rearm," Tusk said, adding that Warsaw would keep'
            " supplying Ukraine with ammunition.",
        ),
        published="2025-02-17",
    )
    tusk_name = "Donald Tusk"
    polish_army = "Polish Armed Forces"

    # Headline: "will not send", as Tusk says: negative, reported (G3.1, G3.2).
    poland_h = d.m("[Poland] will not", "GPE", "POL")
    troops_h = d.m("send [troops] to Ukraine", "MILITARY_UNIT", polish_army)
    ukraine_h = d.m("troops to [Ukraine], Tusk", "GPE", "UKR")
    tusk_h = d.m("Ukraine, [Tusk] says", "PERSON", tusk_name)
    paris_h = d.m("before [Paris] meeting", "GPE", "FR-75C")
    d.ev(
        "deployment",
        "will not [send] troops",
        {"deployer": [poland_h], "deployed": [troops_h], "destination": [ukraine_h]},
        attribution=tusk_h,
        polarity="negative",
        modality="reported",
        tense="future",
        genericity=S,
    )
    d.ev(
        "diplomatic_meeting",
        "Paris [meeting]\n",
        {"location": [paris_h]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
    )
    d.m("[February 17, 2025] 11:20", "DATE", "2025-02-17")

    # S1: a negated plan (negative, planned); the flight is travel to the meeting (G1.2),
    # outside the reported clause.
    d.m("[WARSAW], Feb 17", "GPE", "POL")
    d.m("WARSAW, [Feb 17] (Reuters)", "DATE", "2025-02-17")
    d.m("([Reuters]) -", "ORG", REUTERS)
    poland_1 = d.m("- [Poland] does not", "GPE", "POL")
    soldiers = d.m("send its [soldiers] to", "MILITARY_UNIT", polish_army)
    ukraine_1 = d.m("soldiers to [Ukraine] as part", "GPE", "UKR")
    d.m("any [post-war peacekeeping force], Prime", "MILITARY_UNIT")
    tusk_1 = d.m("[Prime Minister Donald Tusk] said", "PERSON", tusk_name)
    d.m("said on [Monday] before", "DATE", "2025-02-17")
    paris_1 = d.m("flying to [Paris] for", "GPE", "FR-75C")
    leaders = d.m("meeting of [European leaders].", "PERSON")
    d.m("meeting of [European] leaders.", "LOC")
    d.ev(
        "deployment",
        "plan to [send] its soldiers",
        {"deployer": [poland_1], "deployed": [soldiers], "destination": [ukraine_1]},
        attribution=tusk_1,
        polarity="negative",
        modality="planned",
        tense="future",
        genericity=S,
    )
    d.ev(
        "diplomatic_meeting",
        "an emergency [meeting] of",
        {"participants": [tusk_1, leaders], "location": [paris_1]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        format="multilateral",
    )

    # S2: calling a meeting does not make its caller the host (G1.3 host: only when said).
    d.m("[French] President", "GPE", "FRA")
    macron = d.m("French [President Emmanuel Macron] called", "PERSON", "Emmanuel Macron")
    us_officials = d.m("after [U.S. officials] said", "PERSON")
    d.m("after [U.S.] officials said", "GPE", "USA")
    d.m("said [Europe] would", "LOC")
    us_3 = d.m("upcoming [U.S.]-Russia", "GPE", "USA")
    russia_3 = d.m("U.S.-[Russia] talks", "GPE", "RUS")
    saudi = d.m("talks in [Saudi Arabia].", "GPE", "SAU")
    d.ev(
        "diplomatic_meeting",
        "Macron called the [meeting]",
        {"participants": [macron]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
    )
    d.ev(
        "diplomatic_meeting",
        "U.S.-Russia [talks] in",
        {"participants": [us_3, russia_3], "location": [saudi]},
        attribution=us_officials,
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        format="bilateral",
    )

    # S3: a condition ("if") makes it hypothetical (G3.2). The agent's state is named only as
    # the possessor of the agent: deployer Britain (G2, as for a nationality adjective).
    britain = d.m("[Britain]'s Keir Starmer", "GPE", "GBR")
    starmer = d.m("Britain's [Keir Starmer] said", "PERSON", "Keir Starmer")
    d.m("over the [weekend] he", "DATE", "2025-02-15/2025-02-16")
    british_troops = d.m("deploy [British troops] if", "MILITARY_UNIT", "British Armed Forces")
    d.m("deploy [British] troops if", "GPE", "GBR")
    d.ev(
        "deployment",
        "willing to [deploy] British",
        {"deployer": [britain], "deployed": [british_troops]},
        attribution=starmer,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=S,
    )

    # S4: "would keep supplying" is reported speech (future-in-the-past "would"), not a
    # possibility modal; ongoing supply (present).
    d.m("allow [Russia] to rearm", "GPE", "RUS")
    tusk_4 = d.m('rearm," [Tusk] said', "PERSON", tusk_name)
    warsaw = d.m("adding that [Warsaw] would", "GPE", "POL")
    ukraine_4 = d.m("supplying [Ukraine] with", "GPE", "UKR")
    ammo = d.m("with [ammunition].", "WEAPON", "ammunition")
    d.ev(
        "arms_transfer_policy",
        "keep [supplying] Ukraine",
        {"supplier": [warsaw], "recipient": [ukraine_4], "item": [ammo]},
        attribution=tusk_4,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        stance="supplying",
    )
    return d


# --------------------------------------------------------------------------- output

DOCUMENTS = (
    doc_01_eu_iran_sanctions,
    doc_02_us_carrier_gulf,
    doc_03_ecowas_niger,
    doc_04_china_veto_myanmar,
    doc_05_germany_taurus,
    doc_06_india_pakistan_talks,
    doc_07_turkey_libya,
    doc_08_japan_philippines,
    doc_09_unsc_south_sudan,
    doc_10_us_lifts_syria_sanctions,
    doc_11_iran_e3_geneva,
    doc_12_football_negatives,
    doc_13_london_summit_live,
    doc_14_poland_no_troops,
)


def build() -> list[BlindDoc]:
    return [make() for make in DOCUMENTS]


def render_jsonl(docs: list[BlindDoc]) -> str:
    """One DocumentRecord per line, in document order (the committed blind_gold.jsonl)."""
    import json

    return "".join(
        json.dumps(record_json(doc.record()), ensure_ascii=False, sort_keys=True) + "\n"
        for doc in docs
    )


def text_path(doc: BlindDoc, folder: Path = HERE) -> Path:
    return folder / f"{doc.doc_id}.txt"


def main(folder: Path = HERE) -> None:
    docs = build()
    for doc in docs:
        # Bytes, so CRLF and non-BMP characters reach the file exactly as in the record.
        atomic_write_bytes(text_path(doc, folder), doc.text.encode("utf-8"))
    atomic_write_text(folder / GOLD_FILE.name, render_jsonl(docs))
    print(f"wrote {len(docs)} documents and {GOLD_FILE.name} to {folder}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
