"""Defines the translation model architecture once and writes it, untrained, as TorchScript.

Everything after this script (training, fine-tuning, evaluation, serving) runs in Java
through DJL, which loads the TorchScript written here. Run with the system interpreter
that has Debian's python3-torch:

    /usr/bin/python3 transformer_with_beam_search.py --vocab-size 8000 --out untrained.pt

Exported TorchScript entry points (all tensors, so DJL can call them through a Predictor):
  forward(src, tgt_in, tgt_out) -> (mean label-smoothed loss, non-pad target token count)
  translate(src, beam, max_len, length_penalty) -> (tokens [B, T], scores [B])
"""

import argparse
import json
import math
from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, heads: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.head_dim = d_model // heads
        self.scale = 1.0 / math.sqrt(self.head_dim)
        self.query = nn.Linear(d_model, d_model)
        self.key = nn.Linear(d_model, d_model)
        self.value = nn.Linear(d_model, d_model)
        self.out = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)

    def split(self, x: Tensor) -> Tensor:
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).transpose(1, 2)

    def keys_values(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        return self.split(self.key(x)), self.split(self.value(x))

    def attend(self, x: Tensor, k: Tensor, v: Tensor, mask: Optional[Tensor]) -> Tensor:
        b, t, d = x.shape
        q = self.split(self.query(x)) * self.scale
        scores = torch.matmul(q, k.transpose(-2, -1))
        if mask is not None:
            scores = scores + mask
        weights = self.dropout(torch.softmax(scores, dim=-1))
        return self.out(torch.matmul(weights, v).transpose(1, 2).reshape(b, t, d))


class FeedForward(nn.Module):
    def __init__(self, d_model: int, hidden: int, dropout: float):
        super().__init__()
        self.inner = nn.Linear(d_model, hidden)
        self.outer = nn.Linear(hidden, d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: Tensor) -> Tensor:
        return self.outer(self.dropout(F.relu(self.inner(x))))


class EncoderLayer(nn.Module):
    def __init__(self, d_model: int, heads: int, hidden: int, dropout: float):
        super().__init__()
        self.attention_norm = nn.LayerNorm(d_model)
        self.attention = MultiHeadAttention(d_model, heads, dropout)
        self.ff_norm = nn.LayerNorm(d_model)
        self.ff = FeedForward(d_model, hidden, dropout)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        h = self.attention_norm(x)
        k, v = self.attention.keys_values(h)
        x = x + self.dropout(self.attention.attend(h, k, v, mask))
        return x + self.dropout(self.ff(self.ff_norm(x)))


class DecoderLayer(nn.Module):
    def __init__(self, d_model: int, heads: int, hidden: int, dropout: float):
        super().__init__()
        self.self_norm = nn.LayerNorm(d_model)
        self.self_attention = MultiHeadAttention(d_model, heads, dropout)
        self.cross_norm = nn.LayerNorm(d_model)
        self.cross_attention = MultiHeadAttention(d_model, heads, dropout)
        self.ff_norm = nn.LayerNorm(d_model)
        self.ff = FeedForward(d_model, hidden, dropout)
        self.dropout = nn.Dropout(dropout)

    def forward(
        self,
        x: Tensor,
        self_k: Tensor,
        self_v: Tensor,
        self_mask: Optional[Tensor],
        cross_k: Tensor,
        cross_v: Tensor,
        src_mask: Tensor,
    ) -> Tensor:
        h = self.self_norm(x)
        x = x + self.dropout(self.self_attention.attend(h, self_k, self_v, self_mask))
        h = self.cross_norm(x)
        x = x + self.dropout(self.cross_attention.attend(h, cross_k, cross_v, src_mask))
        return x + self.dropout(self.ff(self.ff_norm(x)))


def sinusoids(length: int, d_model: int) -> Tensor:
    position = torch.arange(length, dtype=torch.float).unsqueeze(1)
    rate = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float) * (-math.log(10000.0) / d_model))
    table = torch.zeros(length, d_model)
    table[:, 0::2] = torch.sin(position * rate)
    table[:, 1::2] = torch.cos(position * rate)
    return table


class Transformer(nn.Module):
    """Pre-norm encoder-decoder with shared embeddings tied to the output projection."""

    def __init__(self, vocab_size: int, d_model: int, heads: int, encoder_layers: int,
                 decoder_layers: int, hidden: int, dropout: float, max_positions: int,
                 pad_id: int, unk_id: int, bos_id: int, eos_id: int, label_smoothing: float):
        super().__init__()
        self.d_model = d_model
        self.pad_id = pad_id
        self.unk_id = unk_id
        self.bos_id = bos_id
        self.eos_id = eos_id
        self.label_smoothing = label_smoothing
        self.embedding = nn.Embedding(vocab_size, d_model, padding_idx=pad_id)
        nn.init.normal_(self.embedding.weight, mean=0.0, std=d_model ** -0.5)
        with torch.no_grad():
            self.embedding.weight[pad_id].zero_()
        self.register_buffer("positions", sinusoids(max_positions, d_model))
        self.embed_dropout = nn.Dropout(dropout)
        self.encoder = nn.ModuleList([EncoderLayer(d_model, heads, hidden, dropout) for _ in range(encoder_layers)])
        self.encoder_norm = nn.LayerNorm(d_model)
        self.decoder = nn.ModuleList([DecoderLayer(d_model, heads, hidden, dropout) for _ in range(decoder_layers)])
        self.decoder_norm = nn.LayerNorm(d_model)

    def embed(self, tokens: Tensor, offset: int) -> Tensor:
        x = self.embedding(tokens) * math.sqrt(self.d_model)
        x = x + self.positions[offset:offset + tokens.size(1)].unsqueeze(0)
        return self.embed_dropout(x)

    def logits(self, x: Tensor) -> Tensor:
        return F.linear(self.decoder_norm(x), self.embedding.weight)

    def encode(self, src: Tensor) -> Tuple[Tensor, Tensor]:
        # Additive mask [B, 1, 1, S]: padding positions get -inf-like weight.
        src_mask = (src == self.pad_id).to(torch.float).mul(-1e9).unsqueeze(1).unsqueeze(1)
        x = self.embed(src, 0)
        for layer in self.encoder:
            x = layer(x, src_mask)
        return self.encoder_norm(x), src_mask

    def forward(self, src: Tensor, tgt_in: Tensor, tgt_out: Tensor) -> Tuple[Tensor, Tensor]:
        memory, src_mask = self.encode(src)
        t = tgt_in.size(1)
        causal = torch.triu(torch.full((t, t), -1e9, device=src.device), diagonal=1)
        x = self.embed(tgt_in, 0)
        for layer in self.decoder:
            h = layer.self_norm(x)
            self_k, self_v = layer.self_attention.keys_values(h)
            cross_k, cross_v = layer.cross_attention.keys_values(memory)
            x = layer(x, self_k, self_v, causal, cross_k, cross_v, src_mask)
        logits = self.logits(x)
        tokens = (tgt_out != self.pad_id).sum()
        loss = F.cross_entropy(
            logits.reshape(-1, logits.size(-1)).float(),
            tgt_out.reshape(-1),
            ignore_index=self.pad_id,
            label_smoothing=self.label_smoothing,
            reduction="sum",
        )
        return loss / tokens.clamp(min=1).to(loss.dtype), tokens

    def decode_step(self, token: Tensor, step: int, self_ks: List[Tensor], self_vs: List[Tensor],
                    cross_ks: List[Tensor], cross_vs: List[Tensor], src_mask: Tensor) -> Tensor:
        """One incremental decoder step: only the newest token is embedded; keys and values of
        earlier positions come from the caches, which this call extends in place."""
        x = self.embed(token, step)
        for i, layer in enumerate(self.decoder):
            h = layer.self_norm(x)
            k, v = layer.self_attention.keys_values(h)
            self_ks[i] = torch.cat([self_ks[i], k], dim=2)
            self_vs[i] = torch.cat([self_vs[i], v], dim=2)
            x = layer(x, self_ks[i], self_vs[i], None, cross_ks[i], cross_vs[i], src_mask)
        return torch.log_softmax(self.logits(x).squeeze(1).float(), dim=-1)

    @torch.jit.export
    def translate(self, src: Tensor, beam_size: Tensor, max_len: Tensor,
                  length_penalty: Tensor) -> Tuple[Tensor, Tensor]:
        """Beam search (beam 1 is greedy) with cached keys/values. Returns the best hypothesis per
        sentence, [B, T] token ids ending in eos (then eos padding), and its length-normalised
        log-probability."""
        beam = int(beam_size.item())
        steps = int(max_len.item())
        alpha = float(length_penalty.item())
        batch = src.size(0)
        n = batch * beam
        memory, src_mask = self.encode(src)
        memory = memory.unsqueeze(1).expand(batch, beam, memory.size(1), memory.size(2)).reshape(n, memory.size(1), memory.size(2))
        src_mask = src_mask.unsqueeze(1).expand(batch, beam, 1, 1, src_mask.size(-1)).reshape(n, 1, 1, src_mask.size(-1))
        cross_ks: List[Tensor] = []
        cross_vs: List[Tensor] = []
        self_ks: List[Tensor] = []
        self_vs: List[Tensor] = []
        for layer in self.decoder:
            k, v = layer.cross_attention.keys_values(memory)
            cross_ks.append(k)
            cross_vs.append(v)
            empty = torch.zeros(n, k.size(1), 0, k.size(3), dtype=k.dtype, device=k.device)
            self_ks.append(empty)
            self_vs.append(empty)

        tokens = torch.full((n, 1), self.bos_id, dtype=torch.long, device=src.device)
        scores = torch.zeros(batch, beam, device=src.device)
        if beam > 1:
            scores[:, 1:] = -1e9  # all beams start identical: expand only the first one
        scores = scores.view(n)
        finished = torch.zeros(n, dtype=torch.bool, device=src.device)
        lengths = torch.zeros(n, dtype=torch.float, device=src.device)
        vocab = self.embedding.weight.size(0)
        eos_only = torch.full((vocab,), -1e9, device=src.device)
        eos_only[self.eos_id] = 0.0
        # Never emit padding, a second start token, or the unknown piece.
        banned = torch.zeros(vocab, device=src.device)
        banned[self.pad_id] = -1e9
        banned[self.bos_id] = -1e9
        banned[self.unk_id] = -1e9
        offsets = (torch.arange(batch, device=src.device) * beam).unsqueeze(1)

        for step in range(steps):
            log_probs = self.decode_step(tokens[:, -1:], step, self_ks, self_vs, cross_ks, cross_vs, src_mask) + banned
            if step == steps - 1:
                log_probs = eos_only.unsqueeze(0).expand(n, vocab)  # hard cap: force the end
            # A finished hypothesis may only continue with eos, at no cost.
            log_probs = torch.where(finished.unsqueeze(1), eos_only.unsqueeze(0), log_probs)
            candidates = (scores.unsqueeze(1) + log_probs).view(batch, beam * vocab)
            top_scores, top_index = candidates.topk(beam, dim=1)
            origin = (offsets + torch.div(top_index, vocab, rounding_mode="floor")).view(n)
            chosen = (top_index % vocab).view(n)
            tokens = torch.cat([tokens.index_select(0, origin), chosen.unsqueeze(1)], dim=1)
            was_finished = finished.index_select(0, origin)
            lengths = lengths.index_select(0, origin) + (~was_finished).to(torch.float)
            finished = was_finished | (chosen == self.eos_id)
            scores = top_scores.view(n)
            if beam > 1:
                for i in range(len(self_ks)):
                    self_ks[i] = self_ks[i].index_select(0, origin)
                    self_vs[i] = self_vs[i].index_select(0, origin)
            if bool(finished.all()):
                break

        normalised = scores / torch.pow((5.0 + lengths) / 6.0, alpha)
        best = normalised.view(batch, beam).argmax(dim=1)
        pick = torch.arange(batch, device=src.device) * beam + best
        return tokens.index_select(0, pick)[:, 1:], normalised.index_select(0, pick)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vocab-size", type=int, required=True)
    parser.add_argument("--d-model", type=int, default=256)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--encoder-layers", type=int, default=3)
    parser.add_argument("--decoder-layers", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=1024)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--max-positions", type=int, default=512)
    parser.add_argument("--pad-id", type=int, default=0)
    parser.add_argument("--unk-id", type=int, default=1)
    parser.add_argument("--bos-id", type=int, default=2)
    parser.add_argument("--eos-id", type=int, default=3)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    model = Transformer(args.vocab_size, args.d_model, args.heads, args.encoder_layers, args.decoder_layers,
                        args.hidden, args.dropout, args.max_positions, args.pad_id, args.unk_id, args.bos_id, args.eos_id,
                        args.label_smoothing)
    scripted = torch.jit.script(model)
    scripted.save(args.out)
    # The hyper-parameters travel with the module into the bundle's model.json.
    architecture = {k: v for k, v in vars(args).items() if k not in ("out", "seed")}
    architecture["parameters"] = sum(p.numel() for p in model.parameters())
    with open(args.out[:-3] + ".json" if args.out.endswith(".pt") else args.out + ".json", "w") as f:
        json.dump(architecture, f, indent=2)
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {args.out}: {params} parameters")


if __name__ == "__main__":
    main()
