"""Second, independent annotation pass of seed 000, made from docs/guidelines.md and the text.

It deliberately shares no annotation code with ``seeds/gold/build_gold.py`` (only the span
locating helper in ``seeds/gold/annotator.py``) and is kept as it was annotated: the
disagreements with the first pass, and how they were resolved, are recorded in
docs/guidelines.md (G10). Run ``.venv/bin/python seeds/passes/build_pass2.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "gold"))

from annotator import Doc, jsonl, write

HERE = Path(__file__).resolve().parent
S = "specific"


def annotate() -> Doc:
    d = Doc("000_6672ba51e3dc3b7d", "annotator-b", published=None)

    # Sentence 1
    d.m("[North Korea]’s top diplomat, Foreign", "GPE", "PRK")
    choe = d.m("diplomat, [Foreign Minister Choe Son Hui], is", "PERSON", "Choe Son Hui")
    russians = d.m("talks with [Russian officials] in", "PERSON")
    d.m("talks with [Russian] officials in", "GPE", "RUS")
    moscow = d.m("officials in [Moscow] amidst", "GPE", "RU-MOW")
    pyongyang = d.m("that [Pyongyang] has deployed", "GPE", "PRK")
    thousands = d.m("deployed [thousands] of", "QUANTITY", ">=2000 troops")
    troops = d.m("thousands of [troops] to support", "MILITARY_UNIT", "Korean People's Army")
    d.m("support [Russia]’s actions", "GPE", "RUS")
    d.m("actions in [Ukraine]. The", "GPE", "UKR")
    d.ev(
        "meet1",
        "diplomatic_meeting",
        "to hold [talks] with",
        {"participants": [choe, russians], "location": [moscow]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        format="bilateral",
    )
    d.ev(
        "dep1",
        "deployment",
        "has [deployed] thousands",
        {"deployer": [pyongyang], "deployed": [troops], "quantity": [thousands]},
        polarity="positive",
        modality="reported",
        tense="past",
        genericity=S,
        status="arrived",
    )

    # Sentence 2
    pentagon = d.m("The [Pentagon] has confirmed", "ORG", "United States Department of Defense")
    q10k = d.m("that [around 10,000] North", "QUANTITY", "~10000 troops")
    nk = d.m("10,000 [North Korean] troops", "GPE", "PRK")
    nk_troops = d.m("10,000 [North Korean troops]", "MILITARY_UNIT", "Korean People's Army")
    russia = d.m("heading to [Russia], with", "GPE", "RUS")
    small = d.m("“[relatively small number]”", "QUANTITY")
    kursk = d.m("the [Kursk region]", "GPE", "RU-KRS")
    d.ev(
        "dep2",
        "deployment",
        "are [heading] to",
        {"deployer": [nk], "deployed": [nk_troops], "quantity": [q10k], "destination": [russia]},
        attribution=pentagon,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        status="under_way",
    )
    d.ev(
        "dep3",
        "deployment",
        "already [present] in",
        {"deployer": [nk], "deployed": [nk_troops], "quantity": [small], "location": [kursk]},
        attribution=pentagon,
        polarity="positive",
        modality="reported",
        tense="present",
        genericity=S,
        status="arrived",
    )
    # Sentence 3 ("Western leaders have described this development ...")
    d.m("the [Indo-Pacific region]", "LOC")

    # Sentence 4
    ryder = d.m("to [Maj Gen Pat Ryder],", "PERSON", "Pat Ryder")
    d.m("the [Pentagon] press", "ORG", "United States Department of Defense")
    d.m("how [Moscow] and", "GPE", "RUS")
    d.m("and [Pyongyang] will utilize", "GPE", "PRK")
    d.m("utilize these [troops]", "MILITARY_UNIT", "Korean People's Army")
    ru4 = d.m("that [Russia] may offer technology to", "GPE", "RUS")
    tech4 = d.m("offer [technology] to North Korea that", "WEAPON", "military technology")
    nk4 = d.m("technology to [North Korea] that", "GPE", "PRK")
    d.m("its [nuclear weapons]", "WEAPON", "nuclear weapons")
    d.m("and [missile] program", "WEAPON", "missiles")
    d.ev(
        "tech1",
        "arms_transfer_policy",
        "may [offer] technology to North Korea that",
        {"supplier": [ru4], "recipient": [nk4], "item": [tech4]},
        attribution=ryder,
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=S,
        stance="supplying",
    )

    # Sentence 5
    d.m("given [North Korea]’s history", "GPE", "PRK")

    # Sentence 6
    us = d.m("The [United States]", "GPE", "USA")
    nk6 = d.m("accused [North Korea] of", "GPE", "PRK")
    millions = d.m("providing [millions] of", "QUANTITY", ">=2000000 shells")
    shells = d.m("of [artillery shells]", "WEAPON", "artillery shells")
    equip = d.m("and [equipment] to", "WEAPON", "military equipment")
    ru6 = d.m("equipment to [Russia] to fuel", "GPE", "RUS")
    d.m("action in [Ukraine]. This", "GPE", "UKR")
    d.ev(
        "shells",
        "arms_transfer_policy",
        "of [providing] millions",
        {"supplier": [nk6], "recipient": [ru6], "item": [shells, equip], "quantity": [millions]},
        attribution=us,
        polarity="positive",
        modality="alleged",
        tense="past",
        genericity=S,
        stance="accused_of_supplying",
    )

    # Sentence 7
    d.m("that [North Korea]’s involvement", "GPE", "PRK")

    # Sentence 8
    sk_adj = d.m("tensions, [South Korean]", "GPE", "KOR")
    d.m("[President Yoon Suk Yeol] has raised", "PERSON", "Yoon Suk Yeol")
    ua8 = d.m("supplying [Ukraine] with", "GPE", "UKR")
    weapons8 = d.m("with [weapons], while", "WEAPON", "weapons")
    d.m("between [North Korea] and", "GPE", "PRK")
    d.m("and [Russia] could pose", "GPE", "RUS")
    d.m("threat to [Seoul]", "GPE", "KOR")
    d.ev(
        "consider",
        "arms_transfer_policy",
        "of [supplying] Ukraine",
        {"supplier": [sk_adj], "recipient": [ua8], "item": [weapons8]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        stance="considering",
    )

    # Sentence 9
    sk = d.m("[South Korea] has provided", "GPE", "KOR")
    d.m("support to [Ukraine] and joined", "GPE", "UKR")
    us9 = d.m("joined [US]-led", "GPE", "USA")
    econ = d.m(
        "joined [US-led economic sanctions]", "LEGAL_INSTRUMENT", "US-led sanctions on Russia"
    )
    ru9 = d.m("sanctions against [Russia], but", "GPE", "RUS")
    arms = d.m("supply [arms] to", "WEAPON", "weapons")
    ua9 = d.m("arms to [Ukraine].", "GPE", "UKR")
    d.ev(
        "join",
        "sanction",
        "and [joined] US-led",
        {"imposer": [sk, us9], "target": [ru9], "instrument": [econ]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="join",
    )
    d.ev(
        "refuse",
        "arms_transfer_policy",
        "directly [supply] arms",
        {"supplier": [sk], "recipient": [ua9], "item": [arms]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        stance="refusing",
    )

    # Sentence 10
    ru10 = d.m("by [Russia] and China", "GPE", "RUS")
    cn = d.m("and [China]’s", "GPE", "CHN")
    us10 = d.m("opposition to [US]-led", "GPE", "USA")
    sanc = d.m(
        "tighten [sanctions] on", "LEGAL_INSTRUMENT", "UN Security Council sanctions on North Korea"
    )
    nk10 = d.m("sanctions on [North Korea] over", "GPE", "PRK")
    issue = d.m("its [recent missile testing]", "ISSUE")
    d.m("recent [missile] testing", "WEAPON", "missiles")
    d.ev(
        "oppose",
        "sanction",
        "China’s [opposition]",
        {"imposer": [ru10, cn], "target": [nk10], "instrument": [sanc], "reason": [issue]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        action="oppose",
    )
    d.ev(
        "tighten",
        "sanction",
        "efforts to [tighten]",
        {"imposer": [us10], "target": [nk10], "instrument": [sanc], "reason": [issue]},
        polarity="positive",
        modality="planned",
        tense="unspecified",
        genericity=S,
        action="tighten",
    )

    # Sentence 11
    ru11 = d.m("[Russia] has also vetoed", "GPE", "RUS")
    res = d.m(
        "a [UN resolution]",
        "LEGAL_INSTRUMENT",
        "UN Security Council draft resolution renewing the 1718 Committee Panel of Experts mandate",
    )
    d.m("a [UN] resolution", "ORG", "United Nations")
    mandate = d.m(
        "the [mandate] of monitors",
        "LEGAL_INSTRUMENT",
        "mandate of the 1718 Committee Panel of Experts",
    )
    monitors = d.m("of [monitors],", "ORG", "1718 Committee Panel of Experts")
    experts = d.m("by [UN experts]", "ORG", "1718 Committee Panel of Experts")
    d.m("by [UN] experts", "ORG", "United Nations")
    council = d.m("of [Security Council] sanctions", "ORG", "UN Security Council")
    nk11 = d.m("sanctions against [North Korea].\n", "GPE", "PRK")
    d.ev(
        "veto",
        "un_action",
        "also [vetoed]",
        {"actor": [ru11], "instrument": [res]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="veto",
    )
    d.ev(
        "extend",
        "un_action",
        "to [extend] the mandate",
        {"instrument": [mandate], "target": [monitors]},
        polarity="negative",
        modality="planned",
        tense="unspecified",
        genericity=S,
        action="extend_mandate",
    )
    d.ev(
        "abolish",
        "un_action",
        "effectively [abolishing]",
        {"actor": [ru11], "target": [experts]},
        polarity="positive",
        modality="asserted",
        tense="past",
        genericity=S,
        action="terminate_mandate",
    )
    d.ev(
        "regime",
        "sanction",
        "Council [sanctions] against",
        {"imposer": [council], "target": [nk11]},
        polarity="positive",
        modality="asserted",
        tense="present",
        genericity=S,
        action="impose",
    )

    # Sentence 12
    tech12 = d.m("kind of [technology] Russia", "WEAPON", "military technology")
    ru12 = d.m("technology [Russia] may offer to", "GPE", "RUS")
    nk12 = d.m("offer to [North Korea], and", "GPE", "PRK")
    d.ev(
        "tech2",
        "arms_transfer_policy",
        "may [offer] to North Korea",
        {"supplier": [ru12], "recipient": [nk12], "item": [tech12]},
        polarity="positive",
        modality="hypothetical",
        tense="future",
        genericity=S,
        stance="supplying",
    )

    # Sentence 13
    d.m("that [North Korea]’s top diplomat is", "GPE", "PRK")
    diplomat = d.m("North Korea’s [top diplomat] is heading", "PERSON", "Choe Son Hui")
    moscow13 = d.m("heading to [Moscow]", "GPE", "RU-MOW")
    issues = d.m("discuss these [issues]", "ISSUE")
    russians13 = d.m("with [Russian officials] suggests", "PERSON")
    d.m("with [Russian] officials suggests", "GPE", "RUS")
    d.ev(
        "discuss",
        "diplomatic_meeting",
        "to [discuss]",
        {"participants": [diplomat, russians13], "location": [moscow13], "topic": [issues]},
        polarity="positive",
        modality="planned",
        tense="future",
        genericity=S,
        format="bilateral",
    )
    return d


def main() -> None:
    record, _ = annotate().build()
    write(HERE / "000_pass2.jsonl", jsonl([record]))
    print(f"wrote {HERE / '000_pass2.jsonl'}")


if __name__ == "__main__":
    main()
