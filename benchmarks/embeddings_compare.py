"""Static (model2vec) sentence embeddings against the full encoder's mean-pooled embeddings.

The full pass stands in for pooling the shared trunk of issue 13 (all-MiniLM-L6-v2, first
256 pieces, mean over the attention mask, PyTorch on CPU): the quality ceiling of an
embedding pooled from an encoder pass. Measured on the same texts:

- ECB+ and NewsWCL50 documents: ROC AUC of the cosine for "same event" over document pairs
  (all pairs, and pairs within one ECB+ topic: two events of one kind); document clustering
  by the embedding alone (average linkage on cosine distance, the cut chosen on ECB+ train
  topics, then applied unchanged to ECB+ dev and NewsWCL50);
- a paraphrase check on the short reports (claimgraph.eval.short_reports, all splits): for
  every report, is its nearest report from *another* document about the same event?
  (different outlets' wording of one happening);
- cost: CPU seconds per article to embed the ECB+ documents.

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONPATH=src python benchmarks/embeddings_compare.py \
        --data ../shared/data [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.metrics import roc_auc_score

from claimgraph.eval.clustering import bcubed
from claimgraph.eval.ecbplus import DEV_TOPICS
from claimgraph.eval.ecbplus import read_corpus as read_ecbplus
from claimgraph.eval.newswcl50 import read_corpus as read_newswcl
from claimgraph.eval.short_reports import build_reports


def _static(texts: list[str]) -> np.ndarray:
    from claimgraph.corpus.embeddings import embed

    return embed(texts)


def _full_encoder():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoModel, AutoTokenizer

    from claimgraph.train.techniques import base_model_dir

    torch.set_num_threads(2)
    base = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModel.from_pretrained(base, local_files_only=True).eval()

    def encode(texts: list[str]) -> np.ndarray:
        out = []
        order = np.argsort([len(t) for t in texts])
        with torch.inference_mode():
            for start in range(0, len(texts), 32):
                batch = [texts[i] for i in order[start : start + 32]]
                enc = tokenizer(batch, padding=True, truncation=True, max_length=256, return_tensors="pt")
                hidden = model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                out.append(((hidden * mask).sum(1) / mask.sum(1)).numpy())
        rows = np.empty((len(texts), out[0].shape[1]), dtype=np.float32)
        rows[order] = np.concatenate(out)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    return encode


def _pair_auc(rows: np.ndarray, gold: list[str], groups: list[str] | None = None) -> float:
    sims = rows @ rows.T
    i, j = np.triu_indices(len(gold), 1)
    if groups is not None:
        keep = np.array([groups[a] == groups[b] for a, b in zip(i, j)])
        i, j = i[keep], j[keep]
    labels = np.array([gold[a] == gold[b] for a, b in zip(i, j)])
    return float(roc_auc_score(labels, sims[i, j]))


def _cluster_f1(rows: np.ndarray, gold: list[str], cut: float) -> float:
    distance = np.clip(1 - rows @ rows.T, 0, 2)
    np.fill_diagonal(distance, 0)
    labels = fcluster(linkage(squareform(distance, checks=False), "average"), cut, "distance")
    return bcubed({str(k): str(v) for k, v in enumerate(labels)}, {str(k): g for k, g in enumerate(gold)})[2]


def _nearest_other_document(rows: np.ndarray, gold: list[str], docs: list[str]) -> float:
    sims = rows @ rows.T
    same_doc = np.array(docs)[:, None] == np.array(docs)[None, :]
    sims[same_doc] = -np.inf
    nearest = sims.argmax(axis=1)
    return float(np.mean([gold[k] == gold[n] for k, n in enumerate(nearest)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    ecb = list(read_ecbplus(args.data / "ecbplus" / "ECB+"))
    wcl = list(read_newswcl(args.data / "newswcl50"))
    reports = build_reports(args.data, split="all")
    train = [k for k, d in enumerate(ecb) if d.topic not in DEV_TOPICS]
    dev = [k for k, d in enumerate(ecb) if d.topic in DEV_TOPICS]
    results = {}
    for name, encoder in (("static model2vec", lambda: _static), ("full MiniLM pass, mean-pooled", _full_encoder)):
        encode = encoder()
        started = time.process_time()
        ecb_rows = encode([d.text for d in ecb])
        seconds = time.process_time() - started
        wcl_rows = encode([a.text for a in wcl])
        report_rows = encode([r.text for r in reports])
        gold = [d.gold_event for d in ecb]
        cuts = [round(0.05 * k, 2) for k in range(2, 17)]
        best = max(cuts, key=lambda c: _cluster_f1(ecb_rows[train], [gold[k] for k in train], c))
        results[name] = {
            "ms_per_article": round(1000 * seconds / len(ecb), 2),
            "ecb_auc_all": round(_pair_auc(ecb_rows, gold), 4),
            "ecb_auc_within_topic": round(_pair_auc(ecb_rows, gold, [d.topic for d in ecb]), 4),
            "wcl_auc": round(_pair_auc(wcl_rows, [a.event for a in wcl]), 4),
            "cut": best,
            "ecb_train_f1": round(_cluster_f1(ecb_rows[train], [gold[k] for k in train], best), 4),
            "ecb_dev_f1": round(_cluster_f1(ecb_rows[dev], [gold[k] for k in dev], best), 4),
            "wcl_f1": round(_cluster_f1(wcl_rows, [a.event for a in wcl], best), 4),
            "paraphrase_nearest": round(_nearest_other_document(
                report_rows, [r.event for r in reports], [r.id.split("#")[0] for r in reports]), 4),
        }
    if args.json:
        print(json.dumps(results))
        return
    keys = list(next(iter(results.values())))
    print("| embedder | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for name, row in results.items():
        print(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
