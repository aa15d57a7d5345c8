"""The cost of the web API over in-process analysis, and read latency under 20 concurrent clients.

    PYTHONPATH=src python benchmarks/api_overhead.py [--profile fast|full] [--copies 5] [--rounds 3]
        [--clients 20] [--requests 25]

1. Overhead: the example articles (``claimgraph.web.demo``; ``--copies`` of each, made
   distinct) are analysed in process (``claimgraph.analyze``) and through ``POST /v1/analyze``
   of a real uvicorn server on a loopback port, one request at a time, alternating article by
   article; the ratio is API wall time over in-process wall time, per round and its median
   over ``--rounds``; ``cpu_ratio_median`` is the same with the process's CPU time (server,
   HTTP client and analysis together), which other jobs on the machine do not inflate.
2. Reads: ``--clients`` threads, each with its own HTTP connection, send ``--requests``
   requests spread over GET /v1/articles?q=..., /v1/articles/{id}, /v1/claims and /v1/events
   on a library of the example articles; errors (any status other than 200) and p50/p95
   latency are reported.
3. The pipeline is built once: ``pipeline._build_pipeline`` cache misses before and after.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx
import uvicorn

from claimgraph import analyze, ingest, pipeline
from claimgraph.api import Settings, create_app
from claimgraph.web.demo import build_demo_db, demo_articles


def _server(db: Path, profile: str) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings(db=db, profile=profile)), host="127.0.0.1", port=port,
                                        log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def _articles(copies: int) -> list:
    out = []
    for n in range(copies):
        for a in demo_articles():
            text = a.text + f"\n\n(copy {n})"
            out.append(replace(a, text=text, id=ingest.article_id(text, a.url)))
    return out


def overhead(base: str, articles: list, profile: str, rounds: int) -> dict:
    """Each article in process, then through the API, alternating one by one (so that both see the
    same load on a shared machine); per round the ratio of the sums, and the median over rounds."""
    ratios, cpu_ratios, local_s, api_s = [], [], [], []
    with httpx.Client(timeout=120) as client:
        for _ in range(rounds):
            local = remote = local_cpu = remote_cpu = 0.0
            for a in articles:
                t, c = time.perf_counter(), time.process_time()
                analyze(a, profile=profile)
                local += time.perf_counter() - t
                local_cpu += time.process_time() - c
                t, c = time.perf_counter(), time.process_time()
                r = client.post(f"{base}/v1/analyze", json={"text": a.text, "title": a.title, "outlet": a.outlet,
                                                            "published": a.published})
                r.raise_for_status()
                remote += time.perf_counter() - t
                remote_cpu += time.process_time() - c
            ratios.append(remote / local)
            cpu_ratios.append(remote_cpu / local_cpu)
            local_s.append(local)
            api_s.append(remote)
    return {"articles": len(articles), "rounds": rounds, "in_process_s": statistics.median(local_s),
            "api_s": statistics.median(api_s), "ratio_median": statistics.median(ratios),
            "ratio_per_round": [round(r, 3) for r in ratios],
            # CPU time of the whole process (server, client and analysis alike): not swayed by other
            # jobs' load; it counts the HTTP client's work too, so it overstates the server's overhead.
            "cpu_ratio_median": statistics.median(cpu_ratios)}


def reads(base: str, ids: list[str], clients: int, requests: int) -> dict:
    paths = ["/v1/articles?q=fire", *(f"/v1/articles/{i}" for i in ids), "/v1/claims?limit=20",
             "/v1/articles?q=union&outlet=Island%20Courier", "/v1/events"]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client_run(k: int) -> None:
        with httpx.Client(timeout=60) as client:
            for j in range(requests):
                path = paths[(k + j) % len(paths)]
                t = time.perf_counter()
                try:
                    status = client.get(base + path).status_code
                except httpx.HTTPError as exc:
                    status = repr(exc)
                took = time.perf_counter() - t
                with lock:
                    latencies.append(took)
                    if status != 200:
                        errors.append(f"{path}: {status}")

    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client_run, range(clients)))
    wall = time.perf_counter() - t
    latencies.sort()
    return {"clients": clients, "requests": len(latencies), "errors": len(errors), "error_examples": errors[:3],
            "p50_ms": 1000 * statistics.median(latencies), "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
            "max_ms": 1000 * latencies[-1], "requests_per_s": len(latencies) / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="fast", choices=pipeline.PROFILES)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25)
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp(prefix="cg-bench-")) / "bench.db"
    build_demo_db(db, profile=args.profile)
    base, srv = _server(db, args.profile)
    misses = pipeline._build_pipeline.cache_info().misses
    result = {"profile": args.profile, "overhead": overhead(base, _articles(args.copies), args.profile, args.rounds)}
    ids = [a.id for a in demo_articles()]
    result["reads"] = reads(base, ids, args.clients, args.requests)
    result["pipeline_builds_during_the_run"] = pipeline._build_pipeline.cache_info().misses - misses
    srv.should_exit = True
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
