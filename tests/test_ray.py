"""The Ray engine: the same records as the local engine, stored the same way on both backends."""

import tempfile

import pytest
from click.testing import CliRunner

from trucewatch import pipeline
from trucewatch.cli import cli
from trucewatch.store import Database

ray = pytest.importorskip("ray", reason="the Ray extra is not installed: pip install '.[ray]'")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    """One local Ray for the module, its files in a short temporary folder (socket paths)."""
    from trucewatch.scale.ray_job import start_ray

    with tempfile.TemporaryDirectory(prefix="tw-ray-", dir="/tmp") as folder:
        start_ray(num_cpus=2, temp_dir=folder)
        yield
        ray.shutdown()


def as_dicts(pairs):
    return [(document.to_record(), [r.to_dict() for r in records]) for document, records in pairs]


def test_ray_engine_gives_the_local_engines_records(examples_dir, seed_path):
    inputs = [str(examples_dir), str(seed_path)]
    local = as_dicts(pipeline.extract_stream(inputs))
    distributed = as_dicts(pipeline.extract_stream(inputs, engine="ray", n_process=2))
    assert len(local) >= 14
    assert distributed == local


def test_ray_ingest_stores_what_local_ingest_stores(db_url, tmp_path, examples_dir):
    result = CliRunner().invoke(
        cli,
        ["ingest", str(examples_dir), "--db", db_url, "--engine", "ray", "--workers", "2"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    reference = f"sqlite:///{tmp_path / 'local.db'}"
    pipeline.ingest([str(examples_dir)], Database(reference))

    def stored(url):
        with Database(url) as db:
            counts = db.counts()
            counts.pop("runs")
            rows = {
                kind: sorted((r["doc"], r["start"], r["end"]) for r in db.iter_records(kind))
                for kind in ("entity", "quote")
            }
            return counts, rows

    assert stored(db_url) == stored(reference)
    with Database(db_url) as db:
        engines = {run["engine"] for run in db.list_runs()}
    assert engines == {"ray"}

    # A second run finds everything stored and parses nothing.
    again = CliRunner().invoke(
        cli, ["ingest", str(examples_dir), "--db", db_url, "--engine", "ray"]
    )
    assert again.exit_code == 0
    assert "0 new document(s)" in again.output


def test_unknown_engine_is_refused(examples_dir):
    with pytest.raises(ValueError, match="unknown engine"):
        list(pipeline.extract_stream([str(examples_dir)], engine="spark"))
