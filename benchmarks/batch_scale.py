"""Scale of ``claimgraph batch`` on a local Dask cluster: workers, memory, loading and clustering.

The corpus is real news text (PolNeAR train and dev, PTC train: 1,295 articles) and, past
that, perturbed copies of it (a sentence dropped, a tagline added), so every article has its
own id. Phases, each in its own process and each printing one JSON line:

* ``workers``: the same ``--workers-articles`` articles with 1 and then 2 workers (``fast``
  profile), alternated for ``--rounds``; articles/s of each and their ratio in each round,
  and the CPU time the tasks got per second of wall time (below 1.0: the core was shared).
* ``memory``: ``--memory-articles`` articles with 2 workers; each worker's peak resident
  memory (ru_maxrss reported by the tasks) and its resident memory after its last task, every
  1,000 articles written and at the end. ``memory_curve`` rebuilds the same from the
  ``manifest.json`` of a run that was stopped early.
* ``cluster``: the shards of the memory phase loaded into a new SQLite store (articles/s),
  then event clustering over the loaded store (``cluster_analyses`` over ``iter_analyses``).
* ``profiles``: ``--profile-articles`` articles on one worker with the ``fast`` and the ``full``
  profile: articles per CPU-second, and the core-hours a million articles cost.
* ``batching``: the real partition with the most characters, analysed in a fresh process through
  ``pipe`` (spaCy batches of 16 articles, no memory zone, as the worker did before 2026-12-02)
  and through the worker's ``analyse`` (batches of at most 50,000 characters, in a memory zone):
  the peak resident memory it adds and the strings it leaves in spaCy's ``StringStore``.

    nice -n 10 env PYTHONPATH=src /work/venv/bin/python benchmarks/batch_scale.py \
        --data ../shared/data --workers-articles 400 --memory-articles 10000

The machine may be shared: compare figures measured in one run, not across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def seed_articles(data: Path) -> list[dict]:
    """Real articles as JSONL records; PolNeAR names give the outlet and the date."""
    records = []
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            outlet, date = (path.stem.split("_") + ["", ""])[:2]
            records.append({"text": path.read_text(encoding="utf-8"), "outlet": outlet,
                            "published": date if re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None})
    for path in sorted((data / "ptc" / "train-articles").glob("*.txt")):
        records.append({"text": path.read_text(encoding="utf-8"), "outlet": "ptc", "published": None})
    return records


def write_corpus(data: Path, size: int, folder: Path) -> Path:
    seeds, rng = seed_articles(data), random.Random(14)
    path = folder / f"corpus-{size}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(size):
            record = dict(seeds[i % len(seeds)])
            if i >= len(seeds):
                sentences = _SENTENCE.split(record["text"])
                if len(sentences) > 3:
                    sentences.pop(rng.randrange(len(sentences)))
                record["text"] = " ".join(sentences) + f"\n\n(Reporting by staff {i})"
            handle.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
    return path


def run(corpus: Path, out: Path, workers: int, partition_size: int, profile: str = "fast") -> dict:
    from claimgraph.batch import read_manifest, run_batch

    started = time.perf_counter()
    result = run_batch([str(corpus)], out=out, workers=workers, profile=profile, partition_size=partition_size)
    wall = time.perf_counter() - started
    manifest = read_manifest(out)
    entries = list(manifest["partitions"].values())  # in the order the partitions finished
    return {"articles": result.articles, "workers": workers, "wall_s": round(wall, 1),
            "analysis_s": round(result.seconds, 1), "articles_per_s": round(result.articles / result.seconds, 2),
            "task_s": round(sum(e["seconds"] for e in entries), 1), "entries": entries,
            "words": sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))}


def phase_workers(args: argparse.Namespace, tmp: Path) -> dict:
    corpus = write_corpus(args.data, args.workers_articles, tmp)
    rounds = []
    for n in range(args.rounds):  # alternated, so that load from other users hits both alike
        pair = {}
        for workers in (1, 2):
            load_before = [round(x, 2) for x in os.getloadavg()]
            r = run(corpus, tmp / f"w{workers}-{n}", workers, args.partition_size)
            entries = r.pop("entries")
            r["cpu_per_wall"] = round(sum(e["cpu_seconds"] for e in entries) / sum(e["seconds"] for e in entries), 2)
            r["articles_per_cpu_s"] = round(r["articles"] / sum(e["cpu_seconds"] for e in entries), 2)
            r["load_before"], r["load_after"] = load_before, [round(x, 2) for x in os.getloadavg()]
            pair[workers] = r
        pair["ratio"] = round(pair[2]["articles_per_s"] / pair[1]["articles_per_s"], 2)
        rounds.append(pair)
    return {"phase": "workers", "rounds": rounds, "best_ratio": max(p["ratio"] for p in rounds)}


def memory_curve(entries: list[dict], every: int = 1000) -> dict:
    """Each worker's peak resident memory (ru_maxrss) and resident memory after its last task, in MB,
    once every ``every`` articles are written (entries in the order the partitions finished)."""
    written, mark, peak, rss, curve = 0, every, {}, {}, []
    mb = lambda d: {k: round(v / 2**20) for k, v in sorted(d.items())}  # noqa: E731
    for entry in entries:
        written += entry["articles"]
        pid = str(entry["worker_pid"])
        peak[pid] = max(peak.get(pid, 0), entry["peak_rss"])
        rss[pid] = entry.get("rss", 0)
        if written >= mark:
            curve.append({"written": written, "peak_rss_mb": mb(peak), "rss_mb": mb(rss)})
            mark += every
    if not curve or curve[-1]["written"] != written:
        curve.append({"written": written, "peak_rss_mb": mb(peak), "rss_mb": mb(rss)})
    return {"curve": curve}


def phase_memory(args: argparse.Namespace, tmp: Path) -> dict:
    corpus = write_corpus(args.data, args.memory_articles, tmp)
    result = run(corpus, args.keep, 2, args.partition_size)
    entries = result.pop("entries")
    curve = memory_curve(entries)["curve"]
    at_1000 = next(point for point in curve if point["written"] >= 1000) if result["articles"] >= 1000 else curve[0]
    return {"phase": "memory", **result, "peak_rss_mb_at_1000": at_1000["peak_rss_mb"],
            "peak_rss_mb_at_end": curve[-1]["peak_rss_mb"], "curve": curve}


def phase_cluster(args: argparse.Namespace, tmp: Path) -> dict:
    from claimgraph.batch import load_shards
    from claimgraph.corpus.clustering import cluster_analyses
    from claimgraph.store import open_store

    db = tmp / "cg.db"
    started, cpu = time.perf_counter(), time.process_time()
    loaded = load_shards(args.keep, db=db)
    load_s, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    with open_store(db) as store:
        started, cpu = time.perf_counter(), time.process_time()
        clusters = cluster_analyses(store.iter_analyses())
        cluster_s, cluster_cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"phase": "cluster", "articles": loaded.articles, "load_s": round(load_s, 1),
            "load_articles_per_s": round(loaded.articles / load_s, 1),
            "load_cpu_s": round(load_cpu, 1), "clusters": len(clusters),
            "cluster_wall_s": round(cluster_s, 1), "cluster_cpu_s": round(cluster_cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "db_mb": round(db.stat().st_size / 2**20, 1)}


def phase_profiles(args: argparse.Namespace, tmp: Path) -> dict:
    """Articles per CPU-second of one worker, ``fast`` and ``full``: the basis of core-hour costs."""
    corpus = write_corpus(args.data, args.profile_articles, tmp)
    out = {"phase": "profiles", "articles": args.profile_articles}
    for profile in ("fast", "full"):
        r = run(corpus, tmp / profile, 1, args.partition_size, profile)
        cpu = sum(e["cpu_seconds"] for e in r.pop("entries"))
        out[profile] = {**r, "cpu_s": round(cpu, 1), "articles_per_cpu_s": round(r["articles"] / cpu, 2),
                        "core_hours_per_million": round(1e6 / (r["articles"] / cpu) / 3600, 1)}
    return out


def heaviest_partition(args: argparse.Namespace) -> tuple[int, list[dict]]:
    """The partition of the real articles (``--partition-size`` each) with the most characters."""
    seeds, size = seed_articles(args.data), args.partition_size
    parts = [seeds[i:i + size] for i in range(0, len(seeds), size)]
    index = max(range(len(parts)), key=lambda k: sum(len(r["text"]) for r in parts[k]))
    return index, parts[index]


def batching_once(args: argparse.Namespace, mode: str) -> dict:
    """One fresh process: the heaviest partition through ``pipe`` (spaCy batches of 16 articles, no
    memory zone: the worker before 2026-12-02) or through the worker's ``analyse``."""
    from claimgraph.batch._worker import analyse
    from claimgraph.ingest import make_article
    from claimgraph.pipeline import build_pipeline, pipe, profile_components

    index, records = heaviest_partition(args)
    nlp = build_pipeline(profile_components("fast"))
    list(pipe(["Officials said on Monday that 12 people were hurt in Paris."], nlp=nlp))  # warmed
    articles = [make_article(r["text"], outlet=r["outlet"], published=r.get("published")) for r in records]
    peak, strings, cpu = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(nlp.vocab.strings), time.process_time()
    done = list(pipe(articles, nlp=nlp)) if mode == "pipe" else analyse(nlp, articles)
    return {"mode": mode, "partition": index, "articles": len(done), "chars": sum(len(a.text) for a in articles),
            "longest_chars": max(len(a.text) for a in articles), "cpu_s": round(time.process_time() - cpu, 1),
            "peak_rss_mb_before": round(peak / 1024),
            "peak_rss_mb_after": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "strings_before": strings, "strings_after": len(nlp.vocab.strings)}


def phase_batching(args: argparse.Namespace, tmp: Path) -> dict:
    """Peak memory of the heaviest real partition, the old way and the worker's way, each in a fresh process."""
    out = {"phase": "batching", "partition_size": args.partition_size}
    for mode in ("pipe", "analyse"):
        command = [sys.executable, __file__, "--batching-mode", mode, "--data", str(args.data),
                   "--partition-size", str(args.partition_size)]
        out[mode] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return out


PHASES = {"workers": phase_workers, "memory": phase_memory, "cluster": phase_cluster,
          "profiles": phase_profiles, "batching": phase_batching}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--workers-articles", type=int, default=400)
    parser.add_argument("--memory-articles", type=int, default=10000)
    parser.add_argument("--partition-size", type=int, default=25)
    parser.add_argument("--profile-articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2, help="alternated 1- and 2-worker runs")
    parser.add_argument("--phases", nargs="+", default=list(PHASES), choices=list(PHASES))
    parser.add_argument("--keep", type=Path, default=None, help="folder for the memory phase's shards")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--batching-mode", choices=("pipe", "analyse"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batching_mode:
        sys.stdout.write(json.dumps(batching_once(args, args.batching_mode)) + "\n")
        return
    if args.one:
        with tempfile.TemporaryDirectory() as tmp:
            sys.stdout.write(json.dumps(PHASES[args.one](args, Path(tmp))) + "\n")
        return
    keep = args.keep or Path(tempfile.mkdtemp(prefix="batch-scale-"))
    for phase in args.phases:
        command = [sys.executable, __file__, "--one", phase, "--data", str(args.data), "--keep", str(keep),
                   "--workers-articles", str(args.workers_articles), "--memory-articles",
                   str(args.memory_articles), "--partition-size", str(args.partition_size),
                   "--rounds", str(args.rounds), "--profile-articles", str(args.profile_articles)]
        sys.stdout.write(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
