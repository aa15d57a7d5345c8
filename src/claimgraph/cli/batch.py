"""CLI: batch (analyse on Dask into Parquet shards) and load (merge shards into the store)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .. import ingest as ingest_lib
from ._common import PROFILE_HELP, Profile, stderr

__all__ = ["batch", "load"]


def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), JSONL, feeds, WARC, "
                                                     "URL lists (*.urls, one URL a line) or URLs.")],
    out: Annotated[Path, typer.Option(help="Folder for the Parquet shards and manifest.json; rerun with it to resume.")],
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes of the local cluster (default: one per core).")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler (tcp://HOST:PORT) instead of a local cluster.")] = None,
    profile: Annotated[Profile, typer.Option(help=PROFILE_HELP)] = Profile.full,
    partition_size: Annotated[int, typer.Option(min=1, help="Articles per partition (one shard per table per partition).")] = 100,
    memory_limit: Annotated[str, typer.Option(help="Memory limit of each local worker, e.g. 4GB (default: the machine's memory divided among the workers).")] = "auto",
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private or loopback addresses.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest input file or download, in bytes.")] = ingest_lib.DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each URL.")] = 20.0,
    fetch_links: Annotated[bool, typer.Option(help="Fetch the page of a feed entry that carries no text.")] = False,
) -> None:
    """Analyse a corpus on a Dask cluster into Parquet shards; rerun the same command to resume.

    Every bad file, line or record is listed in OUT/manifest.json with its source, line or
    byte and error code; the command exits 1 when anything was skipped or a partition failed.
    """
    from ..batch import run_batch

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("partitions · {task.fields[articles]} articles · {task.fields[rate]:.1f} articles/s"),
               TimeElapsedColumn())
    shown = {"dashboard": False}
    with Progress(*columns, console=stderr, transient=False) as progress:
        task = progress.add_task("analysing", total=None, articles=0, rate=0.0)

        def report(state) -> None:  # type: ignore[no-untyped-def]
            if not shown["dashboard"]:
                shown["dashboard"] = True
                where = f"Dask dashboard: {state.dashboard}" if state.dashboard else \
                    "no Dask dashboard (install bokeh>=3.1 for one)"
                progress.console.print(f"{state.workers} workers; {where}", highlight=False)
            progress.update(task, completed=state.partitions_done,
                            total=state.partitions_seen if state.reading_done else None,
                            articles=state.articles_done, rate=state.articles_per_second)

        try:
            result = run_batch(inputs, out=out, workers=workers, scheduler=scheduler, profile=profile.value,
                               partition_size=partition_size, memory_limit=memory_limit, on_progress=report,
                               max_bytes=max_bytes, allow_private=allow_private, timeout=timeout,
                               fetch_feed_links=fetch_links)
        except KeyboardInterrupt:
            progress.stop()
            stderr.print(f"interrupted: the partitions written are kept; rerun the same command to resume "
                         f"(see {out / 'manifest.json'})", highlight=False)
            raise typer.Exit(130) from None
    for skipped in result.skipped:
        where = skipped.source + (f":{skipped.line}" if skipped.line else "")
        message = skipped.message if skipped.source in skipped.message else f"{where}: {skipped.message}"
        stderr.print(f"skipped: error {skipped.code}: {message}", style="red", highlight=False)
    stderr.print(
        f"{result.state}: {result.articles} articles in {result.partitions} partitions under {result.out} "
        f"({result.partitions_resumed} partitions from an earlier run, {result.duplicates} duplicates, "
        f"{len(result.skipped)} skipped)", highlight=False)
    if result.failed_partitions:
        stderr.print(f"error CG705: partitions {', '.join(map(str, result.failed_partitions))} failed on every "
                     "retry (see manifest.json, key failed); rerun the same command to retry them",
                     style="red", highlight=False)
    if result.skipped or result.failed_partitions:
        raise typer.Exit(1)


def load(
    folder: Annotated[Path, typer.Argument(help="The --out folder of a `claimgraph batch` run.")],
    db: Annotated[Path | None, typer.Option(help="Database file (default: see `claimgraph search --help`).")] = None,
) -> None:
    """Merge the Parquet shards of a batch run into the store; loading twice changes nothing."""
    from ..batch import load_shards

    columns = (SpinnerColumn(), TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TextColumn("partitions"),
               TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=False) as progress:
        task = progress.add_task("loading", total=None)
        result = load_shards(folder, db=db,
                             on_partition=lambda done, total: progress.update(task, completed=done, total=total))
    stderr.print(f"loaded into {result.db}: {result.articles} articles from {result.partitions} partitions, "
                 f"{result.new} new", highlight=False)
    if result.state != "complete":
        stderr.print(f"note: the batch run is {result.state}; rerun `claimgraph batch` with the same --out to "
                     "finish it, then load again", highlight=False)
