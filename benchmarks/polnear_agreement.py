"""How far PolNeAR's annotators agree with each other, scored like claimgraph is.

On every article with several annotators, each annotation in turn is scored as if it were a
prediction against each of the others (exact and token-overlap F1 of source, cue and content
spans, with ``claimgraph.eval.polnear``'s scorer and its ``Discard`` handling), each pair
weighted so that every article counts once. This is the ceiling a system scored against one
annotator at a time can be expected to reach.

    python benchmarks/polnear_agreement.py --polnear ../shared/data/polnear
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimgraph.eval.polnear import ROLES, _inside, gold_units, read_polnear
from claimgraph.eval.spans import Counts, exact_counts, overlap_counts, token_offsets

ROOT = Path(__file__).resolve().parents[1]


def agreement(folders: list[Path]) -> dict:
    articles = [a for folder in folders for a in read_polnear(folder) if len(a.annotations) > 1]
    totals = {view: {role: Counts() for role in ROLES} for view in ("exact", "overlap")}
    for article in articles:
        tokens = token_offsets(article.text)
        n = len(article.annotations)
        for i, predicted in enumerate(article.annotations):
            pred = gold_units(predicted)
            for j, reference in enumerate(article.annotations):
                if i == j:
                    continue
                gold = gold_units(reference)
                weight = 1.0 / (n * (n - 1))
                for role in ROLES:
                    kept = {u for u in pred[role] if not _inside(u, reference.discard)}
                    totals["exact"][role].add(exact_counts(kept, gold[role]), weight)
                    totals["overlap"][role].add(overlap_counts(article.text, kept, gold[role], tokens), weight)
    return {
        "articles": len(articles),
        "annotations": sum(len(a.annotations) for a in articles),
        **{view: {role: c.scores() for role, c in roles.items()} for view, roles in totals.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear",
                        help="the polnear folder (its train/ and dev/ splits are read)")
    args = parser.parse_args()
    folders = [args.polnear / split for split in ("train", "dev") if (args.polnear / split).is_dir()]
    print(json.dumps(agreement(folders), indent=1))


if __name__ == "__main__":
    main()
