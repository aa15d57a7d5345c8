"""B-cubed F1 of event clustering on short "monitoring-desk" reports (see claimgraph.eval.short_reports).

    PYTHONPATH=src python benchmarks/short_reports.py --data ../shared/data [--split select|aside|all]
        [--set threshold=0.08 --set weights.embedding=1.0 ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from claimgraph.corpus.clustering import ClusterConfig
from claimgraph.eval.short_reports import build_reports, cluster_short_reports


def _config(settings: list[str]) -> ClusterConfig:
    config = ClusterConfig()
    for setting in settings:
        key, value = setting.split("=", 1)
        if key.startswith("weights."):
            weights = dict(config.weights)
            weights[key.removeprefix("weights.")] = float(value)
            config = replace(config, weights=weights)
        else:
            current = getattr(config, key)
            config = replace(config, **{key: type(current)(value) if not isinstance(current, bool)
                                        else value.lower() in ("1", "true", "yes")})
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--split", nargs="+", default=["select", "aside", "all"])
    parser.add_argument("--set", action="append", default=[], help="a ClusterConfig field: name=value")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    config = _config(args.set)
    rows = []
    for split in args.split:
        started = time.process_time()
        scores = cluster_short_reports(args.data, split=split, config=config)
        reports = build_reports(args.data, split=split)
        rows.append({"split": split, "reports": len(reports), "events": scores.gold_clusters,
                     "predicted": scores.predicted_clusters, **{k: round(v, 4) for k, v in scores.as_json().items()},
                     "cpu_s": round(time.process_time() - started, 1)})
    if args.json:
        print(json.dumps(rows))
        return
    print("| split | reports | events | predicted | B3 P | B3 R | B3 F1 | ARI | CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['split']} | {r['reports']} | {r['events']} | {r['predicted']} | {r['bcubed_p']:.3f} | "
              f"{r['bcubed_r']:.3f} | **{r['bcubed_f1']:.3f}** | {r['ari']:.3f} | {r['cpu_s']} |")


if __name__ == "__main__":
    main()
