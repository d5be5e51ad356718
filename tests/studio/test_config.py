"""The labeling config generated from the schema table."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from eventgold.schema import default_table
from eventgold.studio import label_config_xml

ROOT = Path(__file__).resolve().parents[2]
TABLE = default_table()


def parsed() -> ET.Element:
    return ET.fromstring(label_config_xml(TABLE))


def test_labels_are_mention_types_and_one_per_event_type() -> None:
    view = parsed()
    labels = {c.get("name"): [label.get("value") for label in c] for c in view.iter("Labels")}
    assert labels == {"mention": list(TABLE.mention_types), "trigger": list(TABLE.event_types)}


def test_relations_are_the_roles_plus_attribution() -> None:
    values = [r.get("value") for r in parsed().iter("Relation")]
    assert values == [*TABLE.role_names, "attribution"]


def test_attribute_choices_show_only_for_their_event_types() -> None:
    choices = {c.get("name"): c for c in parsed().iter("Choices")}
    for name, attr in TABLE.common_attributes.items():
        control = choices[name]
        assert control.get("perRegion") == "true" and control.get("whenTagName") == "trigger"
        assert control.get("whenLabelValue") == ",".join(TABLE.event_types)
        assert [c.get("value") for c in control] == list(attr.values)
    for etype in TABLE.event_types.values():
        for name, attr in etype.attributes.items():
            control = choices[f"{etype.name}_{name}"]
            assert control.get("whenLabelValue") == etype.name
            assert [c.get("value") for c in control] == list(attr.values)
    # sanction and un_action both have "action", with different values: two controls.
    assert "sanction_action" in choices and "un_action_action" in choices


def test_normalized_value_field_is_per_region_for_mentions() -> None:
    (area,) = parsed().iter("TextArea")
    assert area.get("name") == "normalized" and area.get("perRegion") == "true"
    assert area.get("whenTagName") == "mention"
    assert area.get("whenLabelValue") == ",".join(TABLE.mention_types)


def test_committed_config_is_reachable_under_annotate() -> None:
    committed = ROOT / "annotate" / "labelstudio" / f"config-{TABLE.version}.xml"
    assert committed.read_text(encoding="utf-8") == label_config_xml(TABLE)
