"""Build the linking test set: 9 short news documents in 4 stories, and their gold clusters.

Written before the linker was tuned, independent of the seed documents. Each story has
paraphrased reports that must link and distractor events that must NOT link: an earlier
sanction round, a denial beside an accusation, a planned visit, a phone call and a meeting in
another city, another country's deployment, a withdrawal, a veto in another month.

Run ``python tests/data/linking/build_set.py`` to rewrite ``documents.jsonl`` and
``clusters.jsonl``; ``tests/test_link.py`` checks the committed files match.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventgold.schema import ClusterMember, DocumentRecord, EventClusterRecord, default_table
from eventgold.testing import RecordBuilder, record_json

HERE = Path(__file__).resolve().parent


class Doc(RecordBuilder):
    """RecordBuilder that finds a surface inside an anchor phrase (avoids 'Iran' in 'Iranian')."""

    def m(self, surface: str, kind: str, norm: str | None = None, within: str | None = None) -> str:
        return self.mention(surface, kind, normalized=norm, occurrence=self._nth(surface, within))

    def e(
        self,
        kind: str,
        trigger: str,
        args: dict[str, list[str]],
        within: str | None = None,
        **attrs: str,
    ) -> str:
        return self.event(kind, trigger, args, occurrence=self._nth(trigger, within), **attrs)

    def _nth(self, surface: str, within: str | None) -> int:
        """Which occurrence of ``surface`` lies inside the first ``within`` phrase."""
        if within is None:
            return 0
        text = self.document.text
        position = text.index(within) + within.index(surface)
        count, start = 0, text.find(surface)
        while 0 <= start < position:
            count, start = count + 1, text.find(surface, start + 1)
        return count


def story_sanctions() -> list[DocumentRecord]:
    a1 = Doc(
        "The European Union on Monday imposed sanctions on Iranian officials and companies over "
        "Tehran's supply of drones to Russia. EU foreign ministers meeting in Luxembourg accused "
        "Iran of supplying Shahed drones and ballistic missiles to Moscow for its war in Ukraine. "
        "Tehran has denied sending any weapons. The bloc first sanctioned Iranian drone makers in "
        "October 2023.",
        "lk-a1",
        published="2024-10-14",
    )
    eu = a1.m("The European Union", "ORG", "European Union")
    monday = a1.m("Monday", "DATE", "2024-10-14")
    officials = a1.m("Iranian officials", "PERSON")
    reason = a1.m("over Tehran's supply of drones to Russia", "ISSUE")
    a1.e(
        "sanction",
        "imposed",
        {"imposer": [eu], "target": [officials], "reason": [reason], "time": [monday]},
        action="impose",
        tense="past",
    )
    ministers = a1.m("EU foreign ministers", "PERSON")
    iran = a1.m("Iran", "GPE", "IRN", within="accused Iran of")
    shahed = a1.m("Shahed drones", "WEAPON")
    missiles = a1.m("ballistic missiles", "WEAPON")
    moscow = a1.m("Moscow", "GPE", "RUS")
    a1.e(
        "arms_transfer_policy",
        "supplying",
        {"supplier": [iran], "recipient": [moscow], "item": [shahed, missiles]},
        attribution=ministers,
        stance="accused_of_supplying",
        modality="alleged",
        tense="past",
    )
    tehran = a1.m("Tehran", "GPE", "IRN", within="Tehran has denied")
    weapons = a1.m("weapons", "WEAPON", within="any weapons")
    a1.e(
        "arms_transfer_policy",
        "sending",
        {"supplier": [tehran], "item": [weapons]},
        attribution=tehran,
        stance="denies",
        tense="past",
    )
    bloc = a1.m("The bloc", "ORG", "European Union")
    makers = a1.m("Iranian drone makers", "ORG")
    october = a1.m("October 2023", "DATE", "2023-10")
    a1.e(
        "sanction",
        "sanctioned",
        {"imposer": [bloc], "target": [makers], "time": [october]},
        action="impose",
        tense="past",
    )

    a2 = Doc(
        "EU ministers on Monday slapped new sanctions on Iran, citing its deliveries of drones "
        "and missiles to Russia. Brussels says Tehran has shipped Shahed drones to the Russian "
        "army. Washington is also weighing fresh penalties against Iranian airlines.",
        "lk-a2",
        published="2024-10-14",
    )
    eu2 = a2.m("EU ministers", "ORG", "European Union")
    monday2 = a2.m("Monday", "DATE", "2024-10-14")
    iran2 = a2.m("Iran", "GPE", "IRN", within="on Iran,")
    reason2 = a2.m("citing its deliveries of drones and missiles to Russia", "ISSUE")
    a2.e(
        "sanction",
        "slapped",
        {"imposer": [eu2], "target": [iran2], "reason": [reason2], "time": [monday2]},
        action="impose",
        tense="past",
    )
    brussels = a2.m("Brussels", "ORG", "European Union")
    tehran2 = a2.m("Tehran", "GPE", "IRN")
    shahed2 = a2.m("Shahed drones", "WEAPON")
    army = a2.m("the Russian army", "MILITARY_UNIT", "Russian Armed Forces")
    a2.e(
        "arms_transfer_policy",
        "shipped",
        {"supplier": [tehran2], "recipient": [army], "item": [shahed2]},
        attribution=brussels,
        stance="accused_of_supplying",
        modality="alleged",
        tense="past",
    )
    washington = a2.m("Washington", "GPE", "USA")
    airlines = a2.m("Iranian airlines", "ORG")
    a2.e(
        "sanction",
        "weighing fresh penalties",
        {"imposer": [washington], "target": [airlines]},
        action="propose",
        modality="hypothetical",
        tense="present",
    )

    a3 = Doc(
        "Iran's foreign ministry condemned the European sanctions announced on Monday as "
        "illegal. The EU measures target officials accused of sending drones to Russia.",
        "lk-a3",
        published="2024-10-15",
    )
    monday3 = a3.m("Monday", "DATE", "2024-10-14")
    european = a3.m("European", "ORG", "European Union")
    a3.e(
        "sanction",
        "sanctions",
        {"imposer": [european], "time": [monday3]},
        action="impose",
        tense="past",
    )
    drones3 = a3.m("drones", "WEAPON", within="sending drones")
    russia3 = a3.m("Russia", "GPE", "RUS")
    a3.e(
        "arms_transfer_policy",
        "sending",
        {"recipient": [russia3], "item": [drones3]},
        stance="accused_of_supplying",
        modality="alleged",
        tense="past",
    )
    return [a1.build(), a2.build(), a3.build()]


def story_summit() -> list[DocumentRecord]:
    b1 = Doc(
        "Brazilian President Luiz Inacio Lula da Silva met Chinese President Xi Jinping in "
        "Brasilia on Wednesday, and the two leaders discussed trade and the war in Ukraine. Lula "
        "will travel to Beijing next year for a state visit. Earlier this month Lula spoke by "
        "phone with French President Emmanuel Macron.",
        "lk-b1",
        published="2024-11-20",
    )
    lula = b1.m("Luiz Inacio Lula da Silva", "PERSON", "Luiz Inacio Lula da Silva")
    xi = b1.m("Xi Jinping", "PERSON", "Xi Jinping")
    brasilia = b1.m("Brasilia", "GPE", "BR-DF")
    wednesday = b1.m("Wednesday", "DATE", "2024-11-20")
    trade = b1.m("trade", "ISSUE")
    b1.e(
        "diplomatic_meeting",
        "met",
        {
            "participants": [lula, xi],
            "location": [brasilia],
            "time": [wednesday],
            "topic": [trade],
        },
        format="bilateral",
        tense="past",
    )
    lula2 = b1.m("Lula", "PERSON", "Luiz Inacio Lula da Silva", within="Lula will travel")
    beijing = b1.m("Beijing", "GPE", "CN-BJ")
    next_year = b1.m("next year", "DATE", "2025")
    b1.e(
        "diplomatic_meeting",
        "state visit",
        {"participants": [lula2], "location": [beijing], "time": [next_year]},
        format="visit",
        modality="planned",
        tense="future",
    )
    lula3 = b1.m("Lula", "PERSON", "Luiz Inacio Lula da Silva", within="Lula spoke")
    macron = b1.m("Emmanuel Macron", "PERSON", "Emmanuel Macron")
    month = b1.m("Earlier this month", "DATE", "2024-11")
    b1.e(
        "diplomatic_meeting",
        "spoke by phone",
        {"participants": [lula3, macron], "time": [month]},
        format="call",
        tense="past",
    )

    b2 = Doc(
        "Xi Jinping held talks with his Brazilian counterpart in the capital Brasilia, where the "
        "leaders signed 37 agreements. Xi had earlier visited Lima, where he met Peruvian "
        "President Dina Boluarte last week.",
        "lk-b2",
        published="2024-11-21",
    )
    xi2 = b2.m("Xi Jinping", "PERSON", "Xi Jinping")
    counterpart = b2.m("his Brazilian counterpart", "PERSON", "Luiz Inacio Lula da Silva")
    brasilia2 = b2.m("Brasilia", "GPE", "BR-DF")
    b2.e(
        "diplomatic_meeting",
        "held talks",
        {"participants": [xi2, counterpart], "location": [brasilia2]},
        format="bilateral",
        tense="past",
    )
    xi3 = b2.m("Xi", "PERSON", "Xi Jinping", within="Xi had earlier")
    lima = b2.m("Lima", "GPE", "PE-LMA")
    boluarte = b2.m("Dina Boluarte", "PERSON", "Dina Boluarte")
    last_week = b2.m("last week", "DATE", "2024-W46")
    b2.e(
        "diplomatic_meeting",
        "met",
        {"participants": [xi3, boluarte], "location": [lima], "time": [last_week]},
        format="bilateral",
        tense="past",
    )
    return [b1.build(), b2.build()]


def story_brigade() -> list[DocumentRecord]:
    c1 = Doc(
        "Germany formally launched the deployment of a 5,000-strong armoured brigade to "
        "Lithuania on Monday, the first permanent stationing of German troops abroad since World "
        "War Two. The Netherlands also plans to send about 300 soldiers to the Baltic state next "
        "year. Berlin withdrew its last soldiers from Mali in December 2023.",
        "lk-c1",
        published="2024-04-08",
    )
    germany = c1.m("Germany", "GPE", "DEU")
    brigade = c1.m("armoured brigade", "MILITARY_UNIT")
    strength = c1.m("5,000", "QUANTITY", "5000")
    lithuania = c1.m("Lithuania", "GPE", "LTU")
    monday = c1.m("Monday", "DATE", "2024-04-08")
    c1.e(
        "deployment",
        "deployment",
        {
            "deployer": [germany],
            "deployed": [brigade],
            "quantity": [strength],
            "destination": [lithuania],
            "time": [monday],
        },
        status="under_way",
        tense="past",
    )
    netherlands = c1.m("The Netherlands", "GPE", "NLD")
    soldiers = c1.m("soldiers", "MILITARY_UNIT", within="300 soldiers")
    about_300 = c1.m("about 300", "QUANTITY", "~300")
    baltic = c1.m("the Baltic state", "GPE", "LTU")
    next_year = c1.m("next year", "DATE", "2025")
    c1.e(
        "deployment",
        "send",
        {
            "deployer": [netherlands],
            "deployed": [soldiers],
            "quantity": [about_300],
            "destination": [baltic],
            "time": [next_year],
        },
        status="ordered",
        modality="planned",
        tense="future",
    )
    berlin = c1.m("Berlin", "GPE", "DEU")
    last = c1.m("its last soldiers", "MILITARY_UNIT")
    mali = c1.m("Mali", "GPE", "MLI")
    december = c1.m("December 2023", "DATE", "2023-12")
    c1.e(
        "deployment",
        "withdrew",
        {"deployer": [berlin], "deployed": [last], "origin": [mali], "time": [december]},
        status="withdrawn",
        tense="past",
    )

    c2 = Doc(
        "Berlin has begun stationing a brigade in Lithuania, a German defence ministry "
        "spokesperson said on Tuesday. Around 5,000 troops will eventually be based near "
        "Vilnius. Dutch soldiers are due to join them in 2025.",
        "lk-c2",
        published="2024-04-09",
    )
    berlin2 = c2.m("Berlin", "GPE", "DEU")
    brigade2 = c2.m("a brigade", "MILITARY_UNIT")
    lithuania2 = c2.m("Lithuania", "GPE", "LTU")
    spokesperson = c2.m("a German defence ministry spokesperson", "PERSON")
    c2.e(
        "deployment",
        "stationing",
        {"deployer": [berlin2], "deployed": [brigade2], "destination": [lithuania2]},
        attribution=spokesperson,
        status="under_way",
        modality="reported",
        tense="present",
    )
    dutch = c2.m("Dutch soldiers", "MILITARY_UNIT")
    in_2025 = c2.m("2025", "DATE", "2025")
    c2.e(
        "deployment",
        "join",
        {"deployed": [dutch], "time": [in_2025]},
        status="ordered",
        modality="planned",
        tense="future",
    )
    return [c1.build(), c2.build()]


def story_council() -> list[DocumentRecord]:
    d1 = Doc(
        "The UN Security Council on Wednesday extended the mandate of the peacekeeping mission in "
        "South Sudan for another year. Russia and China abstained in the vote. In March, Russia "
        "vetoed a council resolution on a ceasefire in Sudan.",
        "lk-d1",
        published="2025-04-30",
    )
    council = d1.m("The UN Security Council", "ORG", "UN Security Council")
    wednesday = d1.m("Wednesday", "DATE", "2025-04-30")
    mandate = d1.m("the mandate", "LEGAL_INSTRUMENT", "UNMISS mandate")
    south_sudan = d1.m("South Sudan", "GPE", "SSD")
    d1.e(
        "un_action",
        "extended",
        {"body": [council], "instrument": [mandate], "target": [south_sudan], "time": [wednesday]},
        action="extend_mandate",
        tense="past",
    )
    russia = d1.m("Russia", "GPE", "RUS")
    china = d1.m("China", "GPE", "CHN")
    d1.e("un_action", "abstained", {"actor": [russia, china]}, action="abstain", tense="past")
    russia2 = d1.m("Russia", "GPE", "RUS", within="Russia vetoed")
    resolution = d1.m("a council resolution", "LEGAL_INSTRUMENT")
    sudan = d1.m("Sudan", "GPE", "SDN", within="in Sudan")
    march = d1.m("In March", "DATE", "2025-03")
    d1.e(
        "un_action",
        "vetoed",
        {"actor": [russia2], "instrument": [resolution], "target": [sudan], "time": [march]},
        action="veto",
        tense="past",
    )

    d2 = Doc(
        "Security Council members voted to renew the UN mission in South Sudan until April 2026, "
        "with Moscow and Beijing abstaining. Diplomats said Russia could veto a separate text on "
        "Sudan next month.",
        "lk-d2",
        published="2025-05-01",
    )
    council2 = d2.m("Security Council", "ORG", "UN Security Council")
    south_sudan2 = d2.m("South Sudan", "GPE", "SSD")
    d2.e(
        "un_action",
        "renew",
        {"body": [council2], "target": [south_sudan2]},
        action="extend_mandate",
        tense="past",
    )
    moscow = d2.m("Moscow", "GPE", "RUS")
    beijing = d2.m("Beijing", "GPE", "CHN")
    d2.e("un_action", "abstaining", {"actor": [moscow, beijing]}, action="abstain", tense="past")
    diplomats = d2.m("Diplomats", "PERSON")
    russia3 = d2.m("Russia", "GPE", "RUS")
    text = d2.m("a separate text", "LEGAL_INSTRUMENT")
    sudan2 = d2.m("Sudan", "GPE", "SDN", within="on Sudan")
    next_month = d2.m("next month", "DATE", "2025-06")
    d2.e(
        "un_action",
        "veto",
        {"actor": [russia3], "instrument": [text], "target": [sudan2], "time": [next_month]},
        attribution=diplomats,
        action="veto",
        modality="hypothetical",
        tense="future",
    )
    return [d1.build(), d2.build()]


# Gold clusters: (document, event) members; every other event is a singleton.
GOLD = [
    ("sanction", [("lk-a1", "e1"), ("lk-a2", "e1"), ("lk-a3", "e1")]),
    ("arms_transfer_policy", [("lk-a1", "e2"), ("lk-a2", "e2"), ("lk-a3", "e2")]),
    ("diplomatic_meeting", [("lk-b1", "e1"), ("lk-b2", "e1")]),
    ("deployment", [("lk-c1", "e1"), ("lk-c2", "e1")]),
    ("deployment", [("lk-c1", "e2"), ("lk-c2", "e2")]),
    ("un_action", [("lk-d1", "e1"), ("lk-d2", "e1")]),
    ("un_action", [("lk-d1", "e2"), ("lk-d2", "e2")]),
]


def documents() -> list[DocumentRecord]:
    return [*story_sanctions(), *story_summit(), *story_brigade(), *story_council()]


def clusters_from(
    gold: list[tuple[str, list[tuple[str, str]]]], prefix: str = "gold"
) -> list[EventClusterRecord]:
    table = default_table()
    return [
        EventClusterRecord(
            schema_name=table.name,
            schema_version=table.version,
            id=f"{prefix}-{index}",
            event_type=event_type,
            members=[ClusterMember(document=d, event=e) for d, e in members],
            evidence=["hand-made gold"],
        )
        for index, (event_type, members) in enumerate(gold, start=1)
    ]


def clusters() -> list[EventClusterRecord]:
    return clusters_from(GOLD)


def jsonl(records: list[DocumentRecord] | list[EventClusterRecord]) -> str:
    return "".join(
        json.dumps(
            record_json(r)
            if isinstance(r, DocumentRecord)
            else r.model_dump(mode="json", exclude_none=True),
            ensure_ascii=False,
        )
        + "\n"
        for r in records
    )


def render() -> dict[str, str]:
    return {"documents.jsonl": jsonl(documents()), "clusters.jsonl": jsonl(clusters())}


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for name, text in render().items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {out / name}")
