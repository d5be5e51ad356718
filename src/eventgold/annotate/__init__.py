"""Rule-based pre-annotation: spaCy patterns, gazetteers, normalizers, attachment heuristics.

>>> from eventgold.annotate import Annotator
>>> from eventgold.schema import new_document
>>> record = Annotator().annotate(new_document("d1", "Russia vetoed the UN resolution."))
>>> [(e.type, e.trigger.text, e.attributes["action"]) for e in record.events]
[('un_action', 'vetoed', 'veto')]
"""

from eventgold.annotate.engine import Annotator, build_nlp, find_dateline, segments
from eventgold.annotate.packs import DEFAULT_PACK, RULES_DIR, RulePack, check_pack, load_pack
from eventgold.annotate.run import Progress, RunStats, annotate_lines, preannotate_paths

__all__ = [
    "DEFAULT_PACK",
    "RULES_DIR",
    "Annotator",
    "Progress",
    "RulePack",
    "RunStats",
    "annotate_lines",
    "build_nlp",
    "check_pack",
    "find_dateline",
    "load_pack",
    "preannotate_paths",
    "segments",
]
