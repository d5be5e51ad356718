"""Semantic checks of one structurally valid record, against its schema table.

Runs on the plain JSON value (no model objects) because this is the hot path of
``eventgold validate``. Each check appends :class:`Problem` objects with a JSON path.
"""

from __future__ import annotations

import hashlib
from typing import Any

from eventgold.errors import Problem
from eventgold.schema import SchemaTable
from eventgold.validate.normalized import CHECKS

JsonRecord = dict[str, Any]


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
    actual = text[start:end]
    if actual != span["text"]:
        out.append(
            Problem(
                "EG203",
                f"span text {span['text']!r} != text[{start}:{end}] {actual!r}",
                path + ".text",
            )
        )


def check_document_record(record: JsonRecord, table: SchemaTable) -> list[Problem]:
    """All semantic problems of a structurally valid document record."""
    out: list[Problem] = []
    document = record["document"]
    text: str = document["text"]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != document["sha256"]:
        out.append(Problem("EG204", "sha256 does not match the text", "$.document.sha256"))
    published = document.get("published")
    if published is not None:
        code, check = CHECKS["date"]
        message = check(published)
        if message:
            out.append(Problem(code, message, "$.document.published"))

    mention_types = table.mention_types
    mentions: dict[str, str] = {}
    spans: set[tuple[int, int, str]] = set()
    for index, mention in enumerate(record.get("mentions", ())):
        path = f"$.mentions[{index}]"
        mid = mention["id"]
        if mid in mentions:
            out.append(Problem("EG205", f"duplicate mention id {mid!r}", path + ".id"))
        mtype = mention["type"]
        mentions[mid] = mtype
        _span_problems(text, mention, path, out)
        key = (mention["start"], mention["end"], mtype)
        if key in spans:
            out.append(Problem("EG217", f"another {mtype} mention has span {key[:2]}", path))
        spans.add(key)
        normalized = mention.get("normalized")
        if normalized is not None and mtype in mention_types:
            code, check = CHECKS[mention_types[mtype].normalization]
            message = check(normalized)
            if message:
                out.append(Problem(code, message, path + ".normalized"))

    event_ids: set[str] = set()
    for index, event in enumerate(record.get("events", ())):
        path = f"$.events[{index}]"
        eid = event["id"]
        if eid in event_ids or eid in mentions:
            out.append(Problem("EG205", f"duplicate id {eid!r}", path + ".id"))
        event_ids.add(eid)
        etype = table.event_types.get(event["type"])
        if etype is None:
            out.append(Problem("EG210", f"unknown event type {event['type']!r}", path + ".type"))
            continue
        _span_problems(text, event["trigger"], path + ".trigger", out)
        arguments = event.get("arguments", {})
        for role_name, role in etype.roles.items():
            ids = arguments.get(role_name, ())
            count = len(ids)
            if count < role.min or (role.max is not None and count > role.max):
                bound = f"{role.min}..{'*' if role.max is None else role.max}"
                out.append(
                    Problem(
                        "EG209",
                        f"role {role_name!r} has {count} argument(s); allowed {bound}",
                        f"{path}.arguments.{role_name}",
                    )
                )
            seen: set[str] = set()
            for pos, mention_id in enumerate(ids):
                arg_path = f"{path}.arguments.{role_name}[{pos}]"
                if mention_id in seen:
                    out.append(
                        Problem("EG205", f"mention {mention_id!r} repeated in role", arg_path)
                    )
                seen.add(mention_id)
                mtype = mentions.get(mention_id)
                if mtype is None:
                    out.append(Problem("EG206", f"no mention with id {mention_id!r}", arg_path))
                elif mtype not in role.types:
                    out.append(
                        Problem(
                            "EG208",
                            f"{role_name!r} takes {list(role.types)}, not {mtype} "
                            f"(mention {mention_id!r})",
                            arg_path,
                        )
                    )
        for role_name in arguments:
            if role_name not in etype.roles:
                out.append(
                    Problem(
                        "EG207",
                        f"role {role_name!r} is not defined for {etype.name}",
                        f"{path}.arguments.{role_name}",
                    )
                )
        attribution = event.get("attribution")
        if attribution is not None and attribution not in mentions:
            out.append(
                Problem(
                    "EG206",
                    f"attribution {attribution!r} is not a mention id",
                    path + ".attribution",
                )
            )
    return out
