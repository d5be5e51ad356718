"""The Label Studio labeling config, generated from the schema table.

One :class:`StudioConfig` says which control carries what: the ``mention`` and ``trigger``
``<Labels>``, the ``<Relations>`` whose labels are the roles (plus ``attribution``), one
per-region ``<Choices>`` per attribute (shown only for the event types it applies to) and a
per-region ``<TextArea>`` for normalized values. Both directions of the conversion read the
same object, so the XML and the converter cannot disagree about names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property

from eventgold.schema import Attribute, SchemaTable

TEXT_NAME = "text"
MENTION_CONTROL = "mention"
TRIGGER_CONTROL = "trigger"
NORMALIZED_CONTROL = "normalized"
ATTRIBUTION_RELATION = "attribution"

# Readable, distinct label colours; assigned in table order so the XML is deterministic.
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
)


@dataclass(frozen=True)
class AttributeControl:
    """A per-region ``<Choices>``: one attribute for the event types listed."""

    name: str  # the control name in the XML
    attribute: Attribute
    event_types: tuple[str, ...]


@dataclass(frozen=True)
class StudioConfig:
    """Names of the Label Studio controls for one schema table."""

    table: SchemaTable

    @property
    def mention_types(self) -> tuple[str, ...]:
        return tuple(self.table.mention_types)

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(self.table.event_types)

    @cached_property
    def relation_labels(self) -> tuple[str, ...]:
        return (*self.table.role_names, ATTRIBUTION_RELATION)

    @cached_property
    def attribute_controls(self) -> tuple[AttributeControl, ...]:
        """Common attributes (one control for every event type), then type-specific ones.

        A type-specific attribute gets a control per event type (``sanction_action`` and
        ``un_action_action`` have different values), named ``<event type>_<attribute>``.
        """
        controls = [
            AttributeControl(name, attr, self.event_types)
            for name, attr in self.table.common_attributes.items()
        ]
        for etype in self.table.event_types.values():
            controls.extend(
                AttributeControl(f"{etype.name}_{name}", attr, (etype.name,))
                for name, attr in etype.attributes.items()
            )
        taken = {TEXT_NAME, MENTION_CONTROL, TRIGGER_CONTROL, NORMALIZED_CONTROL}
        for control in controls:
            if control.name in taken:
                raise ValueError(f"attribute control name {control.name!r} is not unique")
            taken.add(control.name)
        if ATTRIBUTION_RELATION in self.table.role_names:
            raise ValueError(f"role name {ATTRIBUTION_RELATION!r} is reserved for attribution")
        return tuple(controls)

    @cached_property
    def control_by_name(self) -> dict[str, AttributeControl]:
        return {c.name: c for c in self.attribute_controls}

    def attribute_control(self, event_type: str, attribute: str) -> AttributeControl | None:
        """The control that carries ``attribute`` of ``event_type`` (None if not defined)."""
        specific = self.control_by_name.get(f"{event_type}_{attribute}")
        if specific is not None and specific.event_types == (event_type,):
            return specific
        common = self.control_by_name.get(attribute)
        if common is not None and attribute in self.table.common_attributes:
            return common
        return None


def studio_config(table: SchemaTable) -> StudioConfig:
    config = StudioConfig(table)
    config.attribute_controls  # noqa: B018 - raises early on name clashes
    return config


def _labels(parent: ET.Element, name: str, values: dict[str, str], offset: int) -> None:
    labels = ET.SubElement(parent, "Labels", name=name, toName=TEXT_NAME, showInline="true")
    for index, (value, hint) in enumerate(values.items()):
        colour = _PALETTE[(index + offset) % len(_PALETTE)]
        label = ET.SubElement(labels, "Label", value=value, background=colour)
        if hint:
            label.set("hint", hint)


def label_config_xml(table: SchemaTable) -> str:
    """The labeling config XML for ``table`` (deterministic, accepted by Label Studio 1.23)."""
    config = studio_config(table)
    view = ET.Element("View")
    ET.SubElement(view, "Header", value=f"{table.name} {table.version}: mentions")
    _labels(
        view,
        MENTION_CONTROL,
        {m.name: m.description for m in table.mention_types.values()},
        0,
    )
    ET.SubElement(view, "Header", value="Event triggers (one label per event type)")
    _labels(
        view,
        TRIGGER_CONTROL,
        {e.name: e.description for e in table.event_types.values()},
        len(table.mention_types),
    )
    relations = ET.SubElement(view, "Relations", choice="single")
    for role in config.relation_labels:
        ET.SubElement(relations, "Relation", value=role)
    ET.SubElement(view, "Text", name=TEXT_NAME, value=f"${TEXT_NAME}")
    for control in config.attribute_controls:
        choices = ET.SubElement(
            view,
            "Choices",
            name=control.name,
            toName=TEXT_NAME,
            perRegion="true",
            choice="single",
            showInline="true",
            visibleWhen="region-selected",
            whenTagName=TRIGGER_CONTROL,
            whenLabelValue=",".join(control.event_types),
        )
        if control.attribute.description:
            choices.set("hint", control.attribute.description)
        for value in control.attribute.values:
            ET.SubElement(choices, "Choice", value=value)
    ET.SubElement(
        view,
        "TextArea",
        name=NORMALIZED_CONTROL,
        toName=TEXT_NAME,
        perRegion="true",
        editable="true",
        maxSubmissions="1",
        placeholder="normalized value (ISO code, ISO date, quantity, canonical name)",
        visibleWhen="region-selected",
        whenTagName=MENTION_CONTROL,
        whenLabelValue=",".join(table.mention_types),
    )
    ET.indent(view, space="  ")
    return ET.tostring(view, encoding="unicode") + "\n"
