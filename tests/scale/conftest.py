"""One Dask LocalCluster (2 worker processes) for the scale tests, joined by its address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def cluster() -> Iterator[str]:
    pytest.importorskip("dask.distributed")
    from eventgold.validate.distributed import dask_client

    with dask_client(None, workers=2) as client:
        yield str(client.scheduler.address)
