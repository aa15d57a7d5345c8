"""Resuming: the driver killed and the command rerun; reruns with other options or other inputs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claimgraph.batch import read_manifest, run_batch
from claimgraph.cli import app
from claimgraph.errors import BatchError
from tests.batch.batchkit import TEXTS, write_corpus

pytestmark = pytest.mark.slow
runner = CliRunner()
#: Seconds to wait for the first partition: generous, for a loaded CI machine.
_DEADLINE = 300


def _command(inputs: list[str], out: Path, scheduler: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph", "batch", *inputs, "--out", str(out), "--scheduler", scheduler,
            "--profile", "fast", "--partition-size", "1"]


def test_the_driver_killed_mid_run_and_rerun_resumes_with_nothing_lost_or_doubled(dask_cluster, tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    driver = subprocess.Popen(_command(inputs, out, dask_cluster), start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + _DEADLINE
    try:
        while len(list((out / "articles").glob("*.parquet"))) < 2:
            assert driver.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, f"no partition written in {_DEADLINE} s"
            time.sleep(0.05)
    finally:
        os.killpg(driver.pid, signal.SIGKILL)
        driver.wait()
    written_before = len(list((out / "articles").glob("*.parquet")))
    assert written_before < len(TEXTS), "the kill came too late to test resuming"

    rerun = subprocess.run(_command(inputs, out, dask_cluster), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    ids = pq.read_table(out / "articles", columns=["id"]).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == len(TEXTS)
    manifest = read_manifest(out)
    counts = manifest["counts"]
    assert manifest["state"] == "complete"
    assert counts["articles"] == len(TEXTS) and counts["partitions_done"] == len(TEXTS)
    assert counts["partitions_resumed"] >= written_before
    assert counts["articles_this_run"] == len(TEXTS) - counts["partitions_resumed"]
    assert [run["state"] for run in manifest["runs"]] == ["running", "complete"]  # the killed run never finished


def test_a_rerun_with_other_options_is_refused_with_what_to_do(dask_cluster, tmp_path):
    inputs = write_corpus(tmp_path / "in", TEXTS[:2])
    run_batch(inputs, out=tmp_path / "out", scheduler=dask_cluster, profile="fast", partition_size=2)
    result = runner.invoke(app, ["batch", *inputs, "--out", str(tmp_path / "out"), "--scheduler", dask_cluster,
                                 "--profile", "fast", "--partition-size", "3"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"error CG701: {tmp_path / 'out'} holds a batch run made with profile fast, partition_size 2, not "
        "profile fast, partition_size 3: rerun with the same options to resume it, or give a new --out folder")


def test_a_rerun_over_changed_inputs_is_refused(dask_cluster, tmp_path):
    inputs = write_corpus(tmp_path / "in", TEXTS[:4])
    run_batch(inputs, out=tmp_path / "out", scheduler=dask_cluster, profile="fast", partition_size=2)
    (tmp_path / "in" / "story-00.txt").write_text("A different story altogether, officials said.", encoding="utf-8")
    with pytest.raises(BatchError) as error:
        run_batch(inputs, out=tmp_path / "out", scheduler=dask_cluster, profile="fast", partition_size=2)
    assert error.value.code == "CG702"
    assert read_manifest(tmp_path / "out")["state"] == "interrupted"


def test_an_unreachable_scheduler_is_reported(tmp_path, monkeypatch):
    import claimgraph.batch._run as run_module

    monkeypatch.setattr(run_module, "_CONNECT_TIMEOUT", "1s")
    with pytest.raises(BatchError) as error:
        run_batch([str(tmp_path)], out=tmp_path / "out", scheduler="tcp://127.0.0.1:9", profile="fast")
    assert error.value.code == "CG703" and "tcp://127.0.0.1:9" in error.value.message


def test_ctrl_c_keeps_the_written_partitions_and_the_rerun_finishes(dask_cluster, tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    driver = subprocess.Popen(_command(inputs, out, dask_cluster), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    deadline = time.monotonic() + _DEADLINE
    while not list((out / "articles").glob("*.parquet")):
        assert driver.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    driver.send_signal(signal.SIGINT)
    _, stderr = driver.communicate(timeout=60)
    if driver.returncode == 0:
        pytest.skip("the batch finished before Ctrl-C reached it")
    assert driver.returncode == 130, stderr
    assert "rerun the same command to resume" in stderr
    assert read_manifest(out)["state"] == "interrupted"
    rerun = subprocess.run(_command(inputs, out, dask_cluster), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert read_manifest(out)["counts"]["articles"] == len(TEXTS)
