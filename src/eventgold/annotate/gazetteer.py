"""Gazetteers: surface names of places, organizations and titles with what they normalize to.

A gazetteer file is YAML validated by :class:`GazetteerFile`. ``countries.yaml`` is generated
from pycountry (``python -m eventgold.cli.generate``); the others are curated by hand and add
capitals, demonyms, metonyms, aliases, organizations and the titles that anchor person names.
``variants`` are known garbled or synonym-spun forms ("Safety Council"): they match with a
lower score than ``names``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventgold.errors import DataError, Problem
from eventgold.schema import SchemaTable, default_table

GAZETTEER_DIR = Path(__file__).parent / "data" / "gazetteers"

# Helper labels that are not mention types: they anchor patterns (ENT_TYPE in rule packs).
HELPER_LABELS = ("DEMONYM", "TITLE")
Kind = Literal["name", "capital", "metonym", "demonym", "alias", "title", "nominal"]
# libyaml when available: the pure-Python loader took seconds on the gazetteers.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entry(_Strict):
    """One thing with its surface forms; ``label`` is a mention type or a helper label."""

    label: str
    normalized: str | None = None
    names: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    metonyms: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list)
    case_insensitive: bool = False


class GazetteerFile(_Strict):
    name: str
    version: str
    description: str = ""
    generated: bool = False
    entries: list[Entry]


@dataclass(frozen=True)
class Term:
    """One surface form to match.

    ``label`` is what patterns see (``DEMONYM`` for "Russian"); ``entry_label`` is the label
    of the entry the form belongs to (the mention type of Russia itself).
    """

    text: str
    label: str
    normalized: str | None
    kind: Kind
    score: float
    case_insensitive: bool
    canonical: str
    entry_label: str


def load_gazetteer(path: Path) -> GazetteerFile:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(Problem("EG401", f"not valid YAML: {exc}", "$", str(path))) from None
    try:
        return GazetteerFile.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(
                "EG401",
                err["msg"],
                "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]),
                str(path),
            )
            for err in exc.errors()
        ]
        raise DataError(problems) from None


def terms_of(gazetteer: GazetteerFile, variant_score: float = 0.6) -> Iterator[Term]:
    for entry in gazetteer.entries:
        canonical = entry.names[0] if entry.names else (entry.variants or [""])[0]
        groups: list[tuple[list[str], Kind, float, str]] = [
            (entry.names, "title" if entry.label == "TITLE" else "name", 0.9, entry.label),
            (entry.capitals, "capital", 0.85, entry.label),
            (entry.metonyms, "metonym", 0.8, entry.label),
            (entry.demonyms, "demonym", 0.8, "DEMONYM"),
            (entry.variants, "alias", variant_score, entry.label),
        ]
        for texts, kind, score, label in groups:
            for text in texts:
                yield Term(
                    text,
                    label,
                    entry.normalized,
                    kind,
                    score,
                    entry.case_insensitive,
                    canonical,
                    entry.label,
                )


@lru_cache(maxsize=4)
def load_terms(directory: Path = GAZETTEER_DIR) -> tuple[Term, ...]:
    """All terms of every gazetteer file in ``directory``; later files win on a clash."""
    by_key: dict[tuple[str, bool], Term] = {}
    for path in sorted(directory.glob("*.yaml")):
        for term in terms_of(load_gazetteer(path)):
            by_key[
                (term.text.lower() if term.case_insensitive else term.text, term.case_insensitive)
            ] = term
    return tuple(by_key.values())


# --- generated from pycountry ------------------------------------------------------------


def _country_names(country: object) -> list[str]:
    names: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        # "Korea, Republic of" is the ISO sort form, never how news writes the name.
        if value and "," not in value and value not in names:
            names.append(value.removeprefix("the "))
    return names


def state_label(table: SchemaTable) -> str:
    """The mention type of states: the table's first type normalized as a place.

    The definition lists geo-political entities before other locations (GPE, then LOC in
    eventgold 1.0), and an extension can only append types after its base's.
    """
    places = [m.name for m in table.mention_types.values() if m.normalization == "place"]
    if not places:
        raise ValueError(f"{table.id} has no mention type normalized as a place")
    return places[0]


def country_entries(table: SchemaTable | None = None) -> Iterable[Entry]:
    label = state_label(table or default_table())
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        names = _country_names(country)
        if names:
            yield Entry(label=label, normalized=country.alpha_3, names=names)


def countries_yaml() -> str:
    """The text of ``countries.yaml``: ISO 3166-1 names -> alpha-3, from pycountry."""
    data = GazetteerFile(
        name="countries",
        version=f"pycountry-{_pycountry_version()}",
        description="ISO 3166-1 country names -> alpha-3. Generated from pycountry; do not edit.",
        generated=True,
        entries=list(country_entries()),
    )
    dumped = data.model_dump(exclude_defaults=True)
    dumped["generated"] = True
    header = "# Generated by `python -m eventgold.cli.generate` from pycountry. Do not edit.\n"
    return header + yaml.safe_dump(dumped, sort_keys=False, allow_unicode=True, width=100)


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")
