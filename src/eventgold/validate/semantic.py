"""Semantic checks of one structurally valid record, against its schema table.

Runs on the plain JSON value (no model objects) because this is the hot path of
``eventgold validate``. A :class:`TablePlan` turns the table into the lookups the checks need
once per table; JSON paths and messages are only built for problems, never for valid input.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventgold.errors import Problem
from eventgold.schema import SchemaTable
from eventgold.validate.normalized import CHECKS

JsonRecord = dict[str, Any]
NormalizedCheck = tuple[str, Callable[[str], str | None]]


@dataclass(frozen=True)
class RolePlan:
    name: str
    types: frozenset[str]
    type_list: tuple[str, ...]
    min: int
    max: int | None


@dataclass(frozen=True)
class EventPlan:
    name: str
    roles: dict[str, RolePlan]
    required_roles: tuple[RolePlan, ...]  # roles with min > 0: checked even when absent
    # role -> (allowed mention types, min, max with None as sys.maxsize): the fast path's view
    bounds: dict[str, tuple[frozenset[str], int, int]]


@dataclass(frozen=True)
class TablePlan:
    """The table in the shape the hot path wants."""

    normalized_check: dict[str, NormalizedCheck]  # mention type -> (code, check)
    name_types: frozenset[str]  # mention types normalized to a name: only "not blank" to check
    events: dict[str, EventPlan]
    # Values already found well formed, per mention type: normalized values repeat a lot
    # (the same countries and dates in every document). Bounded so memory stays flat.
    known_good: dict[str, set[str]]


@lru_cache(maxsize=16)
def table_plan(table: SchemaTable) -> TablePlan:
    events = {}
    for etype in table.event_types.values():
        roles = {
            role.name: RolePlan(role.name, frozenset(role.types), role.types, role.min, role.max)
            for role in etype.roles.values()
        }
        required = tuple(role for role in roles.values() if role.min > 0)
        bounds = {
            name: (role.types, role.min, sys.maxsize if role.max is None else role.max)
            for name, role in roles.items()
        }
        events[etype.name] = EventPlan(etype.name, roles, required, bounds)
    checks = {name: CHECKS[mtype.normalization] for name, mtype in table.mention_types.items()}
    names = frozenset(n for n, m in table.mention_types.items() if m.normalization == "name")
    return TablePlan(checks, names, events, {name: set() for name in checks})


KNOWN_GOOD_LIMIT = 10_000


def _span_problems(text: str, span: dict[str, Any], path: str, out: list[Problem]) -> None:
    start, end = span["start"], span["end"]
    if start >= end:
        out.append(Problem("EG202", f"start {start} is not before end {end}", path))
        return
    if end > len(text):
        out.append(
            Problem(
                "EG201",
                f"span [{start}, {end}) ends after the text ({len(text)} code points)",
                path,
            )
        )
        return
    actual = text[int(start) : int(end)]
    if actual != span["text"]:
        out.append(
            Problem(
                "EG203",
                f"span text {span['text']!r} != text[{start}:{end}] {actual!r}",
                path + ".text",
            )
        )


def _document_problems(document: dict[str, Any], out: list[Problem]) -> None:
    text: str = document["text"]
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        out.append(
            Problem(
                "EG002",
                f"text holds a lone surrogate at code point {exc.start}; it has no UTF-8 form",
                "$.document.text",
            )
        )
        return
    if hashlib.sha256(encoded).hexdigest() != document["sha256"]:
        out.append(Problem("EG204", "sha256 does not match the text", "$.document.sha256"))
    published = document.get("published")
    if published is not None:
        code, check = CHECKS["date"]
        message = check(published)
        if message:
            out.append(Problem(code, message, "$.document.published"))


def _mention_problems(
    text: str, mentions: list[dict[str, Any]], plan: TablePlan, out: list[Problem]
) -> dict[str, str]:
    """Check mentions; return mention id -> type for the event checks."""
    types: dict[str, str] = {}
    # start -> index of the first mention starting there; keyed by an int so that the common
    # case (no two mentions share a start) allocates nothing.
    starts: dict[int, int] = {}
    shared: set[tuple[int, int, str]] | None = None  # spans of mentions sharing a start
    checks = plan.normalized_check
    name_types = plan.name_types
    known_good = plan.known_good
    size = len(text)
    for index, mention in enumerate(mentions):
        mid = mention["id"]
        mtype = mention["type"]
        start, end = mention["start"], mention["end"]
        if mid in types:  # the first mention keeps the id: references resolve to it
            out.append(Problem("EG205", f"duplicate mention id {mid!r}", f"$.mentions[{index}].id"))
        else:
            types[mid] = mtype
        # Inlined span check (the hot path); details only when it fails. JSON Schema integers
        # include integer-valued floats (1.0), hence int() for slicing.
        if not (start < end <= size and text[int(start) : int(end)] == mention["text"]):
            _span_problems(text, mention, f"$.mentions[{index}]", out)
        first = starts.setdefault(start, index)
        if first != index:
            if shared is None:
                shared = set()
            earlier = mentions[first]
            shared.add((earlier["start"], earlier["end"], earlier["type"]))
            key = (start, end, mtype)
            if key in shared:
                out.append(
                    Problem(
                        "EG217",
                        f"another {mtype} mention has span [{start}, {end})",
                        f"$.mentions[{index}]",
                    )
                )
            shared.add(key)
        normalized = mention.get("normalized")
        if normalized is None or (mtype in name_types and normalized.strip()):
            continue
        good = known_good.get(mtype)
        if good is None or normalized in good:
            continue
        code, check = checks[mtype]
        message = check(normalized)
        if message:
            out.append(Problem(code, message, f"$.mentions[{index}].normalized"))
        elif len(good) < KNOWN_GOOD_LIMIT:
            good.add(normalized)
    return types


def _arguments_ok(
    arguments: dict[str, list[str]], eplan: EventPlan, mentions: dict[str, str]
) -> bool:
    """Fast yes/no for the common valid case; :func:`_argument_problems` explains a no."""
    bounds = eplan.bounds
    get = mentions.get
    for role_name, ids in arguments.items():
        bound = bounds.get(role_name)
        if bound is None:
            return False
        allowed, low, high = bound
        count = len(ids)
        if not low <= count <= high or not allowed.issuperset(map(get, ids)):
            return False
        if count > 1 and len(set(ids)) != count:
            return False
    return not eplan.required_roles or all(r.name in arguments for r in eplan.required_roles)


def _argument_problems(
    event_path: str,
    arguments: dict[str, list[str]],
    eplan: EventPlan,
    mentions: dict[str, str],
    out: list[Problem],
) -> None:
    roles = eplan.roles
    for role_name, ids in arguments.items():
        role = roles.get(role_name)
        if role is None:
            out.append(
                Problem(
                    "EG207",
                    f"role {role_name!r} is not defined for {eplan.name}",
                    f"{event_path}.arguments.{role_name}",
                )
            )
            continue
        count = len(ids)
        if count < role.min or (role.max is not None and count > role.max):
            _cardinality_problem(event_path, role, count, out)
        if count > 1 and len(set(ids)) != count:
            for pos, mention_id in enumerate(ids):
                if mention_id in ids[:pos]:
                    out.append(
                        Problem(
                            "EG205",
                            f"mention {mention_id!r} repeated in role",
                            f"{event_path}.arguments.{role_name}[{pos}]",
                        )
                    )
        allowed = role.types
        for pos, mention_id in enumerate(ids):
            mtype = mentions.get(mention_id)
            if mtype is None:
                out.append(
                    Problem(
                        "EG206",
                        f"no mention with id {mention_id!r}",
                        f"{event_path}.arguments.{role_name}[{pos}]",
                    )
                )
            elif mtype not in allowed:
                out.append(
                    Problem(
                        "EG208",
                        f"{role_name!r} takes {list(role.type_list)}, not {mtype} "
                        f"(mention {mention_id!r})",
                        f"{event_path}.arguments.{role_name}[{pos}]",
                    )
                )
    for role in eplan.required_roles:
        if role.name not in arguments:
            _cardinality_problem(event_path, role, 0, out)


def _cardinality_problem(event_path: str, role: RolePlan, count: int, out: list[Problem]) -> None:
    bound = f"{role.min}..{'*' if role.max is None else role.max}"
    out.append(
        Problem(
            "EG209",
            f"role {role.name!r} has {count} argument(s); allowed {bound}",
            f"{event_path}.arguments.{role.name}",
        )
    )


def _event_problems(
    text: str,
    events: list[dict[str, Any]],
    mentions: dict[str, str],
    plan: TablePlan,
    out: list[Problem],
) -> None:
    event_ids: set[str] = set()
    size = len(text)
    for index, event in enumerate(events):
        eid = event["id"]
        if eid in event_ids or eid in mentions:
            out.append(Problem("EG205", f"duplicate id {eid!r}", f"$.events[{index}].id"))
        event_ids.add(eid)
        eplan = plan.events.get(event["type"])
        if eplan is None:
            out.append(
                Problem("EG210", f"unknown event type {event['type']!r}", f"$.events[{index}].type")
            )
            continue
        trigger = event["trigger"]
        start, end = trigger["start"], trigger["end"]
        if not (start < end <= size and text[int(start) : int(end)] == trigger["text"]):
            _span_problems(text, trigger, f"$.events[{index}].trigger", out)
        arguments = event.get("arguments") or {}
        if not _arguments_ok(arguments, eplan, mentions):
            _argument_problems(f"$.events[{index}]", arguments, eplan, mentions, out)
        attribution = event.get("attribution")
        if attribution is not None and attribution not in mentions:
            out.append(
                Problem(
                    "EG206",
                    f"attribution {attribution!r} is not a mention id",
                    f"$.events[{index}].attribution",
                )
            )


def check_document_record(record: JsonRecord, table: SchemaTable) -> list[Problem]:
    """All semantic problems of a structurally valid document record."""
    out: list[Problem] = []
    document = record["document"]
    _document_problems(document, out)
    plan = table_plan(table)
    text: str = document["text"]
    mentions = _mention_problems(text, record.get("mentions", ()), plan, out)
    _event_problems(text, record.get("events", ()), mentions, plan, out)
    return out
