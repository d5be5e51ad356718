from __future__ import annotations

import pytest

from eventgold.annotate import Annotator


@pytest.fixture(scope="session")
def annotator() -> Annotator:
    """One annotator for the session: building the pipeline takes about a second."""
    return Annotator()
