"""The demo workflow: the main job end to end on the seed documents, as library calls.

Sits above :mod:`eventgold.annotate`, :mod:`eventgold.studio` and :mod:`eventgold.gold` (it
chains them; they do not know each other) and below :mod:`eventgold.cli`::

    from eventgold.demo import DemoOptions, run_demo
    result = run_demo(DemoOptions(output=Path("exports")))
    print(result.build.agreement.to_dict()["span_f1"])
"""

from eventgold.demo.annotators import (
    REVIEWER,
    SECOND_ANNOTATOR,
    Submission,
    as_pulled,
    second_annotator_copy,
    submissions,
)
from eventgold.demo.pipeline import DemoOptions, DemoResult, Login, Reporter, Step, run_demo

__all__ = [
    "REVIEWER",
    "SECOND_ANNOTATOR",
    "DemoOptions",
    "DemoResult",
    "Login",
    "Reporter",
    "Step",
    "Submission",
    "as_pulled",
    "run_demo",
    "second_annotator_copy",
    "submissions",
]
