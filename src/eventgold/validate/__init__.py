"""Validation of eventgold records: structure (JSON Schema) and semantics, errors as data."""

from eventgold.validate.api import (
    Report,
    Validator,
    ValidRecords,
    ensure_valid,
    iter_valid_records,
    read_valid_records,
    validate_items,
    validate_paths,
    validate_record,
)
from eventgold.validate.output import render_report
from eventgold.validate.reader import Item, expand_paths, read_items

__all__ = [
    "Item",
    "Report",
    "ValidRecords",
    "Validator",
    "ensure_valid",
    "expand_paths",
    "iter_valid_records",
    "read_items",
    "read_valid_records",
    "render_report",
    "validate_items",
    "validate_paths",
    "validate_record",
]
