"""govdisclosure.dask on a real LocalCluster of two worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure import dumps
from govdisclosure.dataset import read, write
from govdisclosure.dataset.cli import load
from govdisclosure.parallel import Failure

distributed = pytest.importorskip("distributed")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_cluster_result_equals_single_process(tmp_path: Path) -> None:
    """Partitioned Parquet written by two Dask worker processes holds the same reports as the
    single-process writer, and every failure is dropped rather than stopping the run."""
    from govdisclosure.dask import load_bag, to_parquet

    paths = sorted(EXAMPLES.rglob("*.json")) + sorted((EXAMPLES / "sources").glob("*.txt"))
    paths = paths * 3 + [tmp_path / "missing.txt"]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        to_parquet(paths, tmp_path / "dask", npartitions=4)
        loaded = load_bag(paths, npartitions=4).compute()  # type: ignore[no-untyped-call]  # dask.bag is untyped
    assert len(loaded) == len(paths)
    assert isinstance(loaded[-1], Failure)
    single = tmp_path / "single.parquet"
    write([got for got in map(load, paths) if not isinstance(got, Failure)], single)
    expected = sorted(dumps(r) for r in read(single))
    assert sorted(dumps(r) for r in read(tmp_path / "dask")) == expected
    assert len(expected) == len(paths) - 1
