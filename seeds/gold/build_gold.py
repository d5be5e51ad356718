"""Hand-made gold for the two seed documents, written as readable Python.

Run ``.venv/bin/python seeds/gold/build_gold.py`` to (re)write ``seeds/gold/*.jsonl``;
``tests/test_seed_gold.py`` fails when the committed files differ from what this script
produces. The decisions behind every annotation are in ``docs/guidelines.md``; section
numbers there (G1, G2, ...) are cited in comments where a choice is not obvious.

Notation: ``d.m("context with [surface] inside", TYPE, normalized)`` adds a mention,
``d.ev(key, type, "context with [trigger]", {role: [mention ids]}, attribution=..., **attrs)``
an event. Contexts are unique in the text (``nth=`` picks one of verbatim repeats).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator import Doc, cluster, jsonl, write

ANNOTATOR = "annotator-a"
GOLD = Path(__file__).resolve().parent
DOC_000 = "000_6672ba51e3dc3b7d"
DOC_001 = "001_49c6d8f7d69bca89"

# Canonical names shared by both documents (G6, G7).
PRK, RUS, KOR, USA, UKR, CHN = "PRK", "RUS", "KOR", "USA", "UKR", "CHN"
MOSCOW_CITY = "RU-MOW"  # Moscow as a place (literal), not as the Russian state (G6)
KURSK = "RU-KRS"
KPA = "Korean People's Army"
DOD = "United States Department of Defense"
UNSC = "UN Security Council"
UN = "United Nations"
PANEL = "1718 Committee Panel of Experts"
CHOE = "Choe Son Hui"
RYDER = "Pat Ryder"
YOON = "Yoon Suk Yeol"
ZELENSKYY = "Volodymyr Zelenskyy"
UN_NK_SANCTIONS = "UN Security Council sanctions on North Korea"
WESTERN_RU_SANCTIONS = "US-led sanctions on Russia"
PANEL_RESOLUTION = (
    "UN Security Council draft resolution renewing the 1718 Committee Panel of Experts mandate"
)
PANEL_MANDATE = "mandate of the 1718 Committee Panel of Experts"
# Weapon classes (G7): one canonical lower-case class per WEAPON mention.
TECH, SHELLS, EQUIPMENT, WEAPONS, NUKES, MISSILES = (
    "military technology",
    "artillery shells",
    "military equipment",
    "weapons",
    "nuclear weapons",
    "missiles",
)

SPECIFIC = "specific"


def doc_000() -> Doc:
    """The clean rewrite. No dateline and no date expression: nothing to resolve (G8)."""
    d = Doc(DOC_000, ANNOTATOR, published=None)

    # S1
    d.m("[North Korea]’s top diplomat, Foreign", "GPE", PRK)
    choe = d.m("top diplomat, [Foreign Minister Choe Son Hui], is set", "PERSON", CHOE)
    officials_1 = d.m("hold talks with [Russian officials] in Moscow amidst", "PERSON")
    d.m("hold talks with [Russian] officials in Moscow amidst", "GPE", RUS)
    moscow_1 = d.m("Russian officials in [Moscow] amidst", "GPE", MOSCOW_CITY)
    pyongyang_1 = d.m("reports that [Pyongyang] has deployed", "GPE", PRK)
    thousands = d.m("has deployed [thousands] of troops", "QUANTITY", ">=2000 troops")
    troops_1 = d.m("deployed thousands of [troops] to support", "MILITARY_UNIT", KPA)
    d.m("to support [Russia]’s actions in Ukraine.", "GPE", RUS)
    d.m("Russia’s actions in [Ukraine]. The Pentagon", "GPE", UKR)
    d.ev(
        "talks_planned",
        "diplomatic_meeting",
        "is set to hold [talks] with Russian",
        {"participants": [choe, officials_1], "location": [moscow_1]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=SPECIFIC,
        format="bilateral",
    )
    # "amidst reports that": reported, with no source mention to attribute to (G3.2).
    d.ev(
        "deploy_reports",
        "deployment",
        "Pyongyang has [deployed] thousands",
        {"deployer": [pyongyang_1], "deployed": [troops_1], "quantity": [thousands]},
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=SPECIFIC,
        status="arrived",
    )

    # S2
    pentagon_1 = d.m("The [Pentagon] has confirmed", "ORG", DOD)
    ten_thousand = d.m("that [around 10,000] North Korean", "QUANTITY", "~10000 troops")
    nk_troops = d.m("around 10,000 [North Korean troops] are heading", "MILITARY_UNIT", KPA)
    nk_adj_1 = d.m("around 10,000 [North Korean] troops are heading", "GPE", PRK)
    russia_2 = d.m("are heading to [Russia], with", "GPE", RUS)
    small = d.m("with a “[relatively small number]” already", "QUANTITY")
    kursk = d.m("present in the [Kursk region].", "GPE", KURSK)
    d.m("for the [Indo-Pacific region].", "LOC")
    d.ev(
        "deploy_pentagon",
        "deployment",
        "troops are [heading] to Russia",
        {
            "deployer": [nk_adj_1],
            "deployed": [nk_troops],
            "quantity": [ten_thousand],
            "destination": [russia_2],
        },
        attribution=pentagon_1,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=SPECIFIC,
        status="under_way",
    )
    # The "with" clause is a second deployment state: part of the troops is already there (G1.3).
    d.ev(
        "deploy_kursk",
        "deployment",
        "number” already [present] in the Kursk",
        {
            "deployer": [nk_adj_1],
            "deployed": [nk_troops],
            "quantity": [small],
            "location": [kursk],
        },
        attribution=pentagon_1,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=SPECIFIC,
        status="arrived",
    )

    # S3
    ryder = d.m("According to [Maj Gen Pat Ryder], the", "PERSON", RYDER)
    d.m("Pat Ryder, the [Pentagon] press secretary", "ORG", DOD)
    d.m("unclear how [Moscow] and Pyongyang will utilize", "GPE", RUS)
    d.m("how Moscow and [Pyongyang] will utilize", "GPE", PRK)
    d.m("will utilize these [troops]", "MILITARY_UNIT", KPA)
    russia_3 = d.m("mounting that [Russia] may offer", "GPE", RUS)
    tech_1 = d.m("may offer [technology] to North Korea that could", "WEAPON", TECH)
    nk_3 = d.m("offer technology to [North Korea] that could", "GPE", PRK)
    d.m("enhance its [nuclear weapons] and missile", "WEAPON", NUKES)
    d.m("nuclear weapons and [missile] program", "WEAPON", MISSILES)
    # "According to X, [...], but [...]": the reporting frame scopes the whole sentence (G3.3).
    d.ev(
        "tech_offer",
        "arms_transfer_policy",
        "Russia may [offer] technology to North Korea that could",
        {"supplier": [russia_3], "recipient": [nk_3], "item": [tech_1]},
        attribution=ryder,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=SPECIFIC,
        stance="supplying",
    )

    # S4
    d.m("particularly given [North Korea]’s history", "GPE", PRK)

    # S5
    us_1 = d.m("The [United States] and its allies", "GPE", USA)
    nk_5 = d.m("have accused [North Korea] of providing", "GPE", PRK)
    millions = d.m("of providing [millions] of artillery", "QUANTITY", ">=2000000 shells")
    shells = d.m("millions of [artillery shells] and equipment", "WEAPON", SHELLS)
    equipment = d.m("artillery shells and [equipment] to Russia", "WEAPON", EQUIPMENT)
    russia_5 = d.m("and equipment to [Russia] to fuel", "GPE", RUS)
    d.m("its military action in [Ukraine]. This move", "GPE", UKR)
    d.ev(
        "shells",
        "arms_transfer_policy",
        "North Korea of [providing] millions",
        {
            "supplier": [nk_5],
            "recipient": [russia_5],
            "item": [shells, equipment],
            "quantity": [millions],
        },
        attribution=us_1,
        polarity="positive",
        modality="alleged",
        tense="past",
        genericity=SPECIFIC,
        stance="accused_of_supplying",
    )

    # S6: "condemnation from Western leaders" is not a UN action (G1.4 negative examples).
    d.m("worried that [North Korea]’s involvement", "GPE", PRK)

    # S7
    sk_adj = d.m("tensions, [South Korean] President", "GPE", KOR)
    d.m("South Korean [President Yoon Suk Yeol] has raised", "PERSON", YOON)
    ukraine_7 = d.m("possibility of supplying [Ukraine] with weapons", "GPE", UKR)
    weapons_7 = d.m("supplying Ukraine with [weapons], while", "WEAPON", WEAPONS)
    d.m("co-operation between [North Korea] and Russia", "GPE", PRK)
    d.m("between North Korea and [Russia] could pose", "GPE", RUS)
    d.m("security threat to [Seoul].", "GPE", KOR)
    # The policy event is Yoon's statement of a position: asserted, past (G1.5, G3).
    d.ev(
        "yoon_considering",
        "arms_transfer_policy",
        "possibility of [supplying] Ukraine with weapons, while",
        {"supplier": [sk_adj], "recipient": [ukraine_7], "item": [weapons_7]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        stance="considering",
    )

    # S8: humanitarian aid and "other non-lethal support" are out of scope (G1.5).
    sk_8 = d.m("[South Korea] has provided humanitarian", "GPE", KOR)
    d.m("non-lethal support to [Ukraine] and joined", "GPE", UKR)
    d.m("joined [US]-led economic", "GPE", USA)
    ru_sanctions = d.m(
        "joined [US-led economic sanctions] against Russia",
        "LEGAL_INSTRUMENT",
        WESTERN_RU_SANCTIONS,
    )
    russia_8 = d.m("economic sanctions against [Russia], but", "GPE", RUS)
    arms_8 = d.m("directly supply [arms] to Ukraine", "WEAPON", WEAPONS)
    ukraine_8 = d.m("supply arms to [Ukraine].", "GPE", UKR)
    d.ev(
        "sk_join",
        "sanction",
        "Ukraine and [joined] US-led",
        {"imposer": [sk_8], "target": [russia_8], "instrument": [ru_sanctions]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="join",
    )
    d.ev(
        "sk_refusing",
        "arms_transfer_policy",
        "calls to directly [supply] arms",
        {"supplier": [sk_8], "recipient": [ukraine_8], "item": [arms_8]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=SPECIFIC,
        stance="refusing",
    )

    # S9
    russia_9 = d.m("complicated by [Russia] and China", "GPE", RUS)
    china = d.m("by Russia and [China]’s opposition", "GPE", CHN)
    us_9 = d.m("opposition to [US]-led efforts", "GPE", USA)
    sanctions_9 = d.m(
        "efforts to tighten [sanctions] on North Korea", "LEGAL_INSTRUMENT", UN_NK_SANCTIONS
    )
    nk_9 = d.m("tighten sanctions on [North Korea] over", "GPE", PRK)
    testing = d.m("over its [recent missile testing]", "ISSUE")
    d.m("over its recent [missile] testing", "WEAPON", MISSILES)
    d.ev(
        "oppose_tighten",
        "sanction",
        "China’s [opposition] to US-led",
        {
            "imposer": [russia_9, china],
            "target": [nk_9],
            "instrument": [sanctions_9],
            "reason": [testing],
        },
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=SPECIFIC,
        action="oppose",
    )
    # "efforts to tighten": intended by its own agent, not realised (G3.4).
    d.ev(
        "us_tighten",
        "sanction",
        "efforts to [tighten] sanctions on North Korea",
        {
            "imposer": [us_9],
            "target": [nk_9],
            "instrument": [sanctions_9],
            "reason": [testing],
        },
        polarity="positive",
        modality="planned",
        tense="unspecified",
        genericity=SPECIFIC,
        action="tighten",
    )

    # S10
    russia_10 = d.m("[Russia] has also vetoed", "GPE", RUS)
    resolution = d.m("vetoed a [UN resolution] to extend", "LEGAL_INSTRUMENT", PANEL_RESOLUTION)
    d.m("vetoed a [UN] resolution", "ORG", UN)
    mandate = d.m("extend the [mandate] of monitors", "LEGAL_INSTRUMENT", PANEL_MANDATE)
    monitors = d.m("mandate of [monitors], effectively", "ORG", PANEL)
    experts = d.m("oversight by [UN experts] of", "ORG", PANEL)
    d.m("oversight by [UN] experts of", "ORG", UN)
    council = d.m("experts of [Security Council] sanctions", "ORG", UNSC)
    nk_10 = d.m("sanctions against [North Korea].\nAs", "GPE", PRK)
    d.ev(
        "veto",
        "un_action",
        "Russia has also [vetoed] a UN",
        {"actor": [russia_10], "instrument": [resolution]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="veto",
    )
    # The extension was the resolution's purpose and the veto stopped it (G3.1, G3.4).
    d.ev(
        "extend",
        "un_action",
        "resolution to [extend] the mandate",
        {"instrument": [mandate], "target": [monitors]},
        polarity="negative",
        modality="planned",
        tense="unspecified",
        genericity=SPECIFIC,
        action="extend_mandate",
    )
    d.ev(
        "abolish",
        "un_action",
        "effectively [abolishing] oversight",
        {"actor": [russia_10], "instrument": [mandate], "target": [experts]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="terminate_mandate",
    )
    # A sanctions regime in force, named by the bare noun (G1.3: nominal trigger).
    d.ev(
        "unsc_sanctions",
        "sanction",
        "Security Council [sanctions] against North Korea.\nAs",
        {"imposer": [council], "target": [nk_10]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=SPECIFIC,
        action="impose",
    )

    # S11: the same hypothetical transfer again, a second event mention (G1.2).
    russia_11 = d.m("technology [Russia] may offer to North Korea, and", "GPE", RUS)
    tech_11 = d.m("what kind of [technology] Russia may offer", "WEAPON", TECH)
    nk_11 = d.m("may offer to [North Korea], and what", "GPE", PRK)
    d.ev(
        "tech_offer_again",
        "arms_transfer_policy",
        "Russia may [offer] to North Korea, and",
        {"supplier": [russia_11], "recipient": [nk_11], "item": [tech_11]},
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=SPECIFIC,
        stance="supplying",
    )

    # S12: "heading to Moscow to discuss": only the meeting is an event (G1.2, visit rule).
    d.m("The fact that [North Korea]’s top diplomat", "GPE", PRK)
    diplomat_12 = d.m("North Korea’s [top diplomat] is heading", "PERSON", CHOE)
    moscow_12 = d.m("is heading to [Moscow] to discuss", "GPE", MOSCOW_CITY)
    officials_12 = d.m("these issues with [Russian officials] suggests", "PERSON")
    d.m("these issues with [Russian] officials suggests", "GPE", RUS)
    d.ev(
        "discuss",
        "diplomatic_meeting",
        "Moscow to [discuss] these issues",
        {"participants": [diplomat_12, officials_12], "location": [moscow_12]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=SPECIFIC,
        format="bilateral",
    )
    return d


def doc_001() -> Doc:
    """The synonym-spun copy, dated Wednesday 2024-10-30 (relative dates resolved, G8)."""
    d = Doc(DOC_001, ANNOTATOR, published="2024-10-30")
    # The caption sentence appears three times (two photo captions, once in the body); the
    # last two copies are identical, so nth= picks the copy.
    captions = [
        ("significant escalation", "in the [Indo-Pacific region]. File\n\nWestern", None),
        ("major escalation", "within the [Indo-Pacific area]. File\n| Picture", 0),
        ("major escalation", "within the [Indo-Pacific area].\n\nNeither", 1),
    ]
    for index, (degree, region, nth) in enumerate(captions):
        sentence = f"the North Korean troop deployment as a {degree}"
        nk_adj = d.m(
            sentence.replace("the North Korean", "the [North Korean]"), "GPE", PRK, nth=nth
        )
        troop = d.m(
            sentence.replace("North Korean troop", "[North Korean troop]"),
            "MILITARY_UNIT",
            KPA,
            nth=nth,
        )
        d.m(region, "LOC")
        # Presupposed by the author in the caption: asserted; no stage is given (G3.1, G1.3).
        d.ev(
            f"deploy_caption_{index + 1}",
            "deployment",
            sentence.replace("troop deployment", "troop [deployment]"),
            {"deployer": [nk_adj], "deployed": [troop]},
            nth=nth,
            polarity="positive",
            modality="asserted",
            tense="past",
            genericity=SPECIFIC,
        )
    d.m("Picture Credit score: [AP]", "ORG", "Associated Press")

    # P3
    d.m("[North Korea]’s prime diplomat is ready", "GPE", PRK)
    prime_diplomat = d.m("North Korea’s [prime diplomat] is ready", "PERSON", CHOE)
    moscow_3 = d.m("carry talks in [Moscow] on Wednesday", "GPE", MOSCOW_CITY)
    wednesday = d.m("in Moscow on [Wednesday (October 30, 2024)] following", "DATE", "2024-10-30")
    pyongyang_3 = d.m("stories that [Pyongyang] has despatched", "GPE", PRK)
    thousands = d.m("despatched [thousands] of troops", "QUANTITY", ">=2000 troops")
    troops_3 = d.m("thousands of [troops] to Russia to help", "MILITARY_UNIT", KPA)
    russia_3 = d.m("troops to [Russia] to help", "GPE", RUS)
    d.m("its motion in [Ukraine].", "GPE", UKR)
    d.ev(
        "talks_planned",
        "diplomatic_meeting",
        "ready to carry [talks] in Moscow",
        {"participants": [prime_diplomat], "location": [moscow_3], "time": [wednesday]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=SPECIFIC,
        format="bilateral",
    )
    d.ev(
        "deploy_reports",
        "deployment",
        "Pyongyang has [despatched] thousands",
        {
            "deployer": [pyongyang_3],
            "deployed": [troops_3],
            "quantity": [thousands],
            "destination": [russia_3],
        },
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=SPECIFIC,
        status="arrived",
    )

    # P4: "Overseas Minister" is the spun "Foreign Minister" (G7).
    choe_4 = d.m("[Overseas Minister Choe Son Hui]’s arrival", "PERSON", CHOE)
    pentagon_4 = d.m("adopted the [Pentagon]’s assertion", "ORG", DOD)
    nk_4 = d.m("assertion that [North Korea] has deployed", "GPE", PRK)
    ten_thousand = d.m("deployed [about 10,000] troops", "QUANTITY", "~10000 troops")
    troops_4 = d.m("about 10,000 [troops] to Russia", "MILITARY_UNIT", KPA)
    russia_4 = d.m("10,000 troops to [Russia] to struggle", "GPE", RUS)
    d.m("struggle towards [Ukraine] inside", "GPE", UKR)
    # "the next several weeks": no fixed extent, so no normalized interval (G8).
    d.m("inside “the [following a number of weeks].”", "DATE")
    d.ev(
        "choe_arrival",
        "diplomatic_meeting",
        "Choe Son Hui’s [arrival] adopted",
        {"participants": [choe_4]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        format="visit",
    )
    d.ev(
        "deploy_pentagon",
        "deployment",
        "North Korea has [deployed] about 10,000",
        {
            "deployer": [nk_4],
            "deployed": [troops_4],
            "quantity": [ten_thousand],
            "destination": [russia_4],
        },
        attribution=pentagon_4,
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=SPECIFIC,
        status="arrived",
    )

    # P5: a "read also" link; names are annotated, nothing in it is an event of the schema.
    d.m("learn: [Russia] moves to ratify", "GPE", RUS)
    d.m("ratify [North Korea] defence treaty", "GPE", PRK)
    d.m("defence treaty; [Seoul] issues warning", "GPE", KOR)

    # P6: "Main Normal" is the spun "Major General" (G7).
    ryder = d.m("[Main Normal Pat Ryder], the Pentagon", "PERSON", RYDER)
    d.m("Pat Ryder, the [Pentagon] press secretary", "ORG", DOD)
    d.m("stated on [Tuesday (October 29, 2024)] {that a}", "DATE", "2024-10-29")
    small = d.m("“[comparatively small quantity]” of North Korean", "QUANTITY")
    nk_troops_6 = d.m("quantity” of [North Korean troops] are actually", "MILITARY_UNIT", KPA)
    nk_adj_6 = d.m("quantity” of [North Korean] troops are actually", "GPE", PRK)
    kursk = d.m("within the [Kursk area], the place", "GPE", KURSK)
    d.m("the place [Russia] has struggled", "GPE", RUS)
    d.m("push again a [Ukrainian] incursion", "GPE", UKR)
    d.m("be seen how [Moscow] and Pyongyang will use", "GPE", RUS)
    d.m("how Moscow and [Pyongyang] will use", "GPE", PRK)
    # Copula + locative with no event word: the preposition is the trigger (G1.2).
    d.ev(
        "deploy_kursk",
        "deployment",
        "troops are actually [within] the Kursk area",
        {
            "deployer": [nk_adj_6],
            "deployed": [nk_troops_6],
            "quantity": [small],
            "location": [kursk],
        },
        attribution=ryder,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=SPECIFIC,
        status="arrived",
    )

    # P8
    d.m("Neither [Moscow] nor Pyongyang", "GPE", RUS)
    d.m("Neither Moscow nor [Pyongyang] have specified", "GPE", PRK)
    choe_8a = d.m("agenda for [Ms. Choe]’s talks", "PERSON", CHOE)
    moscow_8 = d.m("Ms. Choe’s talks in [Moscow], however", "GPE", MOSCOW_CITY)
    d.m("listening to at [South Korea]’s Parliament", "GPE", KOR)
    d.m("at South Korea’s [Parliament], the South", "ORG", "National Assembly of South Korea")
    d.m("Parliament, the [South]’s spy company", "GPE", KOR)
    spy_agency = d.m("the South’s [spy company] stated", "ORG", "National Intelligence Service")
    choe_8b = d.m("spy company stated [Ms. Choe] could", "PERSON", CHOE)
    topic_troops = d.m("discussions on [sending further troops to Russia] and negotiating", "ISSUE")
    further_troops = d.m("sending [further troops] to Russia and", "MILITARY_UNIT", KPA)
    russia_8 = d.m("further troops to [Russia] and negotiating", "GPE", RUS)
    topic_return = d.m("Russia and [negotiating what the North would get in return].", "ISSUE")
    north_8 = d.m("what the [North] would get", "GPE", PRK)
    d.ev(
        "choe_talks_agenda",
        "diplomatic_meeting",
        "Ms. Choe’s [talks] in Moscow",
        {"participants": [choe_8a], "location": [moscow_8]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=SPECIFIC,
        format="bilateral",
    )
    # A possibility in the agency's statement: hypothetical wins over reported (G3.2).
    d.ev(
        "choe_discussions",
        "diplomatic_meeting",
        "high-level [discussions] on sending",
        {"participants": [choe_8b], "topic": [topic_troops, topic_return]},
        attribution=spy_agency,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=SPECIFIC,
        format="bilateral",
    )
    d.ev(
        "send_more",
        "deployment",
        "discussions on [sending] further troops",
        {"deployer": [north_8], "deployed": [further_troops], "destination": [russia_8]},
        attribution=spy_agency,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=SPECIFIC,
    )

    # P9
    officers = d.m("[South Korean and Western officers] have voiced", "PERSON")
    d.m("[South Korean] and Western officers have voiced", "GPE", KOR)
    russia_9 = d.m("concern that [Russia] may offer", "GPE", RUS)
    tech_9 = d.m("may offer [technology] that would", "WEAPON", TECH)
    d.m("posed by [North Korea]’s nuclear", "GPE", PRK)
    d.m("North Korea’s [nuclear weapons] and missile", "WEAPON", NUKES)
    d.m("nuclear weapons and [missile] program.", "WEAPON", MISSILES)
    # The recipient is implied ("advance the menace posed by North Korea's ..."), not stated (G2).
    d.ev(
        "tech_offer",
        "arms_transfer_policy",
        "Russia may [offer] technology that would",
        {"supplier": [russia_9], "item": [tech_9]},
        attribution=officers,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=SPECIFIC,
        stance="supplying",
    )

    # P10
    d.m("[Moscow] and Pyongyang have responded", "GPE", RUS)
    d.m("Moscow and [Pyongyang] have responded", "GPE", PRK)
    sk_10 = d.m("vaguely to [South Korean] and Western claims", "GPE", KOR)
    nk_adj_10 = d.m("claims of the [North Korean] troop deployment to Russia", "GPE", PRK)
    troop_10 = d.m("claims of the [North Korean troop] deployment to Russia", "MILITARY_UNIT", KPA)
    russia_10 = d.m("troop deployment to [Russia], emphasizing", "GPE", RUS)
    north_10 = d.m("presence of the [North]’s forces", "GPE", PRK)
    forces = d.m("the North’s [forces] in Russia", "MILITARY_UNIT", KPA)
    russia_10b = d.m("forces in [Russia].", "GPE", RUS)
    # Contested "claims": alleged (G3.2).
    d.ev(
        "deploy_claims",
        "deployment",
        "North Korean troop [deployment] to Russia",
        {"deployer": [nk_adj_10], "deployed": [troop_10], "destination": [russia_10]},
        attribution=sk_10,
        polarity="positive",
        modality="alleged",
        tense="past",
        genericity=SPECIFIC,
    )
    # "admitting the presence": admit is factive, the author presupposes the presence (G3.1).
    d.ev(
        "presence",
        "deployment",
        "admitting the [presence] of",
        {"deployer": [north_10], "deployed": [forces], "location": [russia_10b]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=SPECIFIC,
        status="arrived",
    )

    # P11: the spinner turned "millions" into "hundreds of thousands"; annotate what is written.
    us_11 = d.m("The [U.S.] and its allies have additionally", "GPE", USA)
    nk_11 = d.m("accused [North Korea] of offering", "GPE", PRK)
    hundreds = d.m("offering [hundreds of thousands] of artillery", "QUANTITY", ">=200000 shells")
    shells = d.m("thousands of [artillery shells] and different", "WEAPON", SHELLS)
    tools = d.m("and different [tools] to Russia", "WEAPON", EQUIPMENT)
    russia_11 = d.m("tools to [Russia] to gasoline", "GPE", RUS)
    d.m("army motion in [Ukraine].\n\nRussia", "GPE", UKR)
    d.ev(
        "shells",
        "arms_transfer_policy",
        "North Korea of [offering] hundreds",
        {
            "supplier": [nk_11],
            "recipient": [russia_11],
            "item": [shells, tools],
            "quantity": [hundreds],
        },
        attribution=us_11,
        polarity="positive",
        modality="alleged",
        tense="past",
        genericity=SPECIFIC,
        stance="accused_of_supplying",
    )

    # P12: "Safety Council" is the spun "Security Council" (G7).
    russia_12 = d.m("[Russia], together with China", "GPE", RUS)
    china = d.m("together with [China], has blocked", "GPE", CHN)
    us_12 = d.m("blocked [U.S.]-led efforts", "GPE", USA)
    council_12 = d.m("efforts on the [Safety Council] to tighten", "ORG", UNSC)
    sanctions_12 = d.m("to tighten [sanctions] on North Korea", "LEGAL_INSTRUMENT", UN_NK_SANCTIONS)
    nk_12 = d.m("sanctions on [North Korea] over its", "GPE", PRK)
    testing = d.m("over its [current missile testing], which", "ISSUE")
    d.m("current [missile] testing, which", "WEAPON", MISSILES)
    d.m("intensified after [Russia]’s invasion", "GPE", RUS)
    d.m("invasion of [Ukraine] in 2022", "GPE", UKR)
    d.m("Ukraine in [2022].", "DATE", "2022")
    d.ev(
        "block_tighten",
        "sanction",
        "China, has [blocked] U.S.-led",
        {
            "imposer": [russia_12, china],
            "target": [nk_12],
            "instrument": [sanctions_12],
            "reason": [testing],
        },
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="block",
    )
    # Blocked by Russia and China: the tightening is said not to have happened (G3.1).
    d.ev(
        "us_tighten",
        "sanction",
        "Safety Council to [tighten] sanctions",
        {
            "imposer": [us_12, council_12],
            "target": [nk_12],
            "instrument": [sanctions_12],
            "reason": [testing],
        },
        polarity="negative",
        modality="planned",
        tense="unspecified",
        genericity=SPECIFIC,
        action="tighten",
    )

    # P13: "decision" = resolution, "screens" = monitors, "specialists" = experts (G7).
    russia_13 = d.m("[Russia] additionally vetoed", "GPE", RUS)
    decision = d.m("vetoed a [U.N. decision] to increase", "LEGAL_INSTRUMENT", PANEL_RESOLUTION)
    d.m("vetoed a [U.N.] decision", "ORG", UN)
    mandate = d.m("increase the [mandate] of screens", "LEGAL_INSTRUMENT", PANEL_MANDATE)
    screens = d.m("mandate of [screens] in March", "ORG", PANEL)
    march = d.m("screens in [March], in a transfer", "DATE", "2024-03")
    specialists = d.m("oversight by [U.N. specialists] of", "ORG", PANEL)
    d.m("oversight by [U.N.] specialists of", "ORG", UN)
    council_13 = d.m("specialists of [Safety Council] sanctions", "ORG", UNSC)
    nk_13 = d.m("sanctions towards [North Korea].\n\nIn a phone", "GPE", PRK)
    d.ev(
        "veto",
        "un_action",
        "Russia additionally [vetoed] a U.N.",
        {"actor": [russia_13], "instrument": [decision], "time": [march]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="veto",
    )
    d.ev(
        "extend",
        "un_action",
        "decision to [increase] the mandate",
        {"instrument": [mandate], "target": [screens]},
        polarity="negative",
        modality="planned",
        tense="unspecified",
        genericity=SPECIFIC,
        action="extend_mandate",
    )
    d.ev(
        "abolish",
        "un_action",
        "successfully [abolished] oversight",
        {"actor": [russia_13], "instrument": [mandate], "target": [specialists]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="terminate_mandate",
    )
    d.ev(
        "unsc_sanctions",
        "sanction",
        "Safety Council [sanctions] towards North Korea",
        {"imposer": [council_13], "target": [nk_13]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=SPECIFIC,
        action="impose",
    )

    # P14
    tuesday_14 = d.m("phone dialog on [Tuesday (October 29, 2024)] with", "DATE", "2024-10-29")
    d.m("with [Ukrainian] President Volodymyr", "GPE", UKR)
    zelenskyy = d.m("Ukrainian [President Volodymyr Zelenskyy]", "PERSON", ZELENSKYY)
    d.m("Zelenskyy, [South Korean] President Yoon", "GPE", KOR)
    yoon_14 = d.m("Zelenskyy, South Korean [President Yoon Suk Yeol] stated", "PERSON", YOON)
    d.m("cooperation between [North Korea] and Russia may pose", "GPE", PRK)
    d.m("between North Korea and [Russia] may pose", "GPE", RUS)
    d.m("menace” to [Seoul] if", "GPE", KOR)
    north_14 = d.m("if the [North] good points", "GPE", PRK)
    russian_14 = d.m("entry to [Russian] expertise", "GPE", RUS)
    expertise = d.m("entry to Russian [expertise] and its", "WEAPON", TECH)
    d.m("expertise and its [troops] get", "MILITARY_UNIT", KPA)
    d.ev(
        "yoon_call",
        "diplomatic_meeting",
        "In a phone [dialog] on Tuesday",
        {"participants": [zelenskyy, yoon_14], "time": [tuesday_14]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        format="call",
    )
    # "if the North gains access to Russian technology": a conditional transfer (G1.5, G3.2).
    d.ev(
        "tech_access",
        "arms_transfer_policy",
        "good points [entry] to Russian",
        {"supplier": [russian_14], "recipient": [north_14], "item": [expertise]},
        attribution=yoon_14,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=SPECIFIC,
        stance="supplying",
    )

    # P15: "final week" = last week = the ISO week before the dateline's week (G8).
    sk_15 = d.m("[South Korean] President Yoon Suk Yeol final week", "GPE", KOR)
    d.m("South Korean [President Yoon Suk Yeol] final week", "PERSON", YOON)
    last_week = d.m("Yoon Suk Yeol [final week] raised", "DATE", "2024-W43")
    ukraine_15 = d.m("supplying [Ukraine] with weapons whereas", "GPE", UKR)
    weapons_15 = d.m("Ukraine with [weapons] whereas", "WEAPON", WEAPONS)
    d.m("whereas saying [Seoul] is making", "GPE", KOR)
    d.m("between [Pyongyang] and Moscow.", "GPE", PRK)
    d.m("between Pyongyang and [Moscow].", "GPE", RUS)
    d.ev(
        "yoon_considering",
        "arms_transfer_policy",
        "opportunity of [supplying] Ukraine",
        {
            "supplier": [sk_15],
            "recipient": [ukraine_15],
            "item": [weapons_15],
            "time": [last_week],
        },
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        stance="considering",
    )

    # P16: humanitarian and non-lethal aid are out of scope (G1.5); "arms exporter" is an agent
    # noun, not a trigger (G1.2).
    sk_16 = d.m("[South Korea], a rising arms exporter", "GPE", KOR)
    d.m("a rising [arms] exporter", "WEAPON", WEAPONS)
    d.m("non-lethal help to [Ukraine] and joined", "GPE", UKR)
    d.m("joined [U.S.]-led financial", "GPE", USA)
    fin_sanctions = d.m(
        "joined [U.S.-led financial sanctions] towards Moscow",
        "LEGAL_INSTRUMENT",
        WESTERN_RU_SANCTIONS,
    )
    moscow_16 = d.m("sanctions towards [Moscow].", "GPE", RUS)
    d.ev(
        "sk_join",
        "sanction",
        "Ukraine and [joined] U.S.-led",
        {"imposer": [sk_16], "target": [moscow_16], "instrument": [fin_sanctions]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=SPECIFIC,
        action="join",
    )

    # P17: "It" is annotated because it is the only mention of the supplier here (G2).
    it = d.m("[It] has up to now resisted", "GPE", KOR)
    d.m("calls by [Kyiv] and NATO", "GPE", UKR)
    d.m("Kyiv and [NATO] to instantly", "ORG", "NATO")
    ukraine_17 = d.m("provide [Ukraine] with weapons, citing", "GPE", UKR)
    weapons_17 = d.m("Ukraine with [weapons], citing", "WEAPON", WEAPONS)
    arms_17 = d.m("not offering [arms] to nations", "WEAPON", WEAPONS)
    nations = d.m("arms to [nations] engaged", "GPE")
    d.ev(
        "sk_refusing",
        "arms_transfer_policy",
        "instantly [provide] Ukraine",
        {"supplier": [it], "recipient": [ukraine_17], "item": [weapons_17]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=SPECIFIC,
        stance="refusing",
    )
    # A standing policy about any country at war: generic (G3.5).
    d.ev(
        "sk_policy",
        "arms_transfer_policy",
        "not [offering] arms to nations",
        {"supplier": [it], "recipient": [nations], "item": [arms_17]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity="generic",
        stance="refusing",
    )
    return d


# Cross-document clusters: corresponding statements about the same real-world event (G9).
CLUSTERS: list[tuple[str, str, str, list[str]]] = [
    (
        "deploy_reports",
        "deployment",
        "deploy-troops-reports",
        ["PRK deploys thousands of troops", "source: unnamed reports"],
    ),
    (
        "deploy_pentagon",
        "deployment",
        "deploy-10000-pentagon",
        ["~10000 troops", "attributed to the Pentagon"],
    ),
    ("deploy_kursk", "deployment", "deploy-kursk", ["small number of troops in RU-KRS"]),
    (
        "talks_planned",
        "diplomatic_meeting",
        "choe-moscow-talks",
        ["Choe Son Hui", "Moscow", "planned"],
    ),
    (
        "tech_offer",
        "arms_transfer_policy",
        "russia-technology",
        ["RUS may offer military technology", "hypothetical"],
    ),
    (
        "shells",
        "arms_transfer_policy",
        "prk-shells-to-russia",
        ["PRK -> RUS artillery shells", "accused by USA"],
    ),
    (
        "yoon_considering",
        "arms_transfer_policy",
        "kor-considers-arming-ukraine",
        ["Yoon Suk Yeol", "KOR -> UKR weapons"],
    ),
    (
        "sk_refusing",
        "arms_transfer_policy",
        "kor-refuses-arming-ukraine",
        ["KOR resists calls to arm UKR"],
    ),
    ("sk_join", "sanction", "kor-joins-russia-sanctions", ["KOR joins US-led sanctions on RUS"]),
    (
        "oppose_tighten",
        "sanction",
        "rus-chn-against-tighter-sanctions",
        ["RUS and CHN against tighter sanctions on PRK"],
    ),
    ("us_tighten", "sanction", "us-tighter-sanctions", ["US-led tightening of sanctions on PRK"]),
    (
        "veto",
        "un_action",
        "rus-veto-panel-resolution",
        ["RUS vetoes the Panel of Experts resolution"],
    ),
    (
        "extend",
        "un_action",
        "panel-mandate-extension",
        ["extension of the Panel of Experts mandate"],
    ),
    ("abolish", "un_action", "panel-oversight-ends", ["UN expert oversight abolished"]),
    ("unsc_sanctions", "sanction", "unsc-sanctions-prk", ["UN Security Council sanctions on PRK"]),
]
# The one pair whose keys differ between the documents.
KEY_IN_001 = {"oppose_tighten": "block_tighten"}


def build() -> dict[str, str]:
    """File name -> content of every gold file."""
    first, ids_000 = doc_000().build()
    second, ids_001 = doc_001().build()
    clusters = [
        cluster(
            cluster_id,
            event_type,
            [(DOC_000, ids_000[key]), (DOC_001, ids_001[KEY_IN_001.get(key, key)])],
            evidence,
            ANNOTATOR,
        )
        for key, event_type, cluster_id, evidence in CLUSTERS
    ]
    return {
        f"{DOC_000}.jsonl": jsonl([first]),
        f"{DOC_001}.jsonl": jsonl([second]),
        "clusters.jsonl": jsonl(clusters),
    }


def main() -> None:
    for name, content in build().items():
        write(GOLD / name, content)
        print(f"wrote {GOLD / name}")


if __name__ == "__main__":
    main()
