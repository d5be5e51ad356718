"""Render a validation report as text, JSON, GitHub annotations or JUnit XML."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from eventgold.errors import CODES, Problem
from eventgold.validate.api import Report

FORMATS = ("text", "json", "github", "junit")


def _text(report: Report) -> str:
    lines = []
    for p in report.problems:
        lines.append(f"{p.location()}: {p.code} {p.path}: {p.message}")
        lines.append(f"    hint: {p.hint or CODES[p.code].hint}")
    if report.problem_count > len(report.problems):
        lines.append(f"... {report.problem_count - len(report.problems)} more problem(s) not shown")
    lines.append(report.summary())
    return "\n".join(lines)


def _github_escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github(report: Report) -> str:
    lines = []
    for p in report.problems:
        props = f"file={p.file or ''}"
        if p.line is not None:
            props += f",line={p.line}"
        props += f",title={p.code} {CODES[p.code].title}"
        lines.append(f"::error {props}::{_github_escape(p.path + ': ' + p.message)}")
    lines.append(report.summary())
    return "\n".join(lines)


def _junit(report: Report) -> str:
    by_record: dict[tuple[str, int | None], list[Problem]] = {}
    for p in report.problems:
        by_record.setdefault((p.file or "<input>", p.line), []).append(p)
    cases = []
    for (file, line), problems in by_record.items():
        body = "\n".join(f"{p.code} {p.path}: {p.message}" for p in problems)
        name = f"{file}:{line}" if line is not None else file
        cases.append(
            f"  <testcase classname={quoteattr(file)} name={quoteattr(name)}>\n"
            f"    <failure type={quoteattr(problems[0].code)} message={quoteattr(problems[0].message)}>"
            f"{escape(body)}</failure>\n  </testcase>"
        )
    passed = report.records - report.invalid_records
    if passed > 0:
        cases.append(
            f'  <testcase classname="eventgold.validate" name="{passed} valid record(s)"/>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<testsuite name="eventgold validate" tests="{len(cases)}" '
        f'failures="{len(by_record)}" errors="0">\n' + "\n".join(cases) + "\n</testsuite>"
    )


def render_report(report: Report, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "github":
        return _github(report)
    if fmt == "junit":
        return _junit(report)
    return _text(report)
