"""Writes the architecture of Marian (Opus-MT) checkpoints as a weightless TorchScript module.

`bin/engine import-marian` loads the module this script writes (committed as
`model-training/src/main/resources/dev/translation/training/marian/marian.pt`), hands the
checkpoint's tensors to `install`, and saves the result as the bundle's `model.pt`; so converting
a checkpoint needs Java only. Nothing in the module depends on the model's size: layer counts,
heads and ids come with the weights. Rewrite it after changing this file (Debian's python3-torch):

    /usr/bin/python3 marian_with_beam_search.py --out marian.pt

The computation follows Hugging Face's MarianMTModel (post-norm layers, SiLU feed-forward, one
shared embedding scaled by sqrt(d_model) and tied to the output projection, fixed sinusoidal
positions from 0 on both sides, `final_logits_bias`), and `translate` decodes as its `generate`
does: greedy search at beam 1, otherwise its beam search (2 x beam candidates per step, finished
hypotheses scored as sum of log-probabilities / generated length ** penalty with the end token
counted, the same early-stopping test), padding never generated and the end forced at the cap
(as Marian's generation settings ask; both follow the checkpoint's settings).

Exported entry points (all tensors or plain lists, callable from DJL):
  install(weights, config) -> 0         takes the checkpoint's tensors by their Hugging Face names
  set_length_normalisation(gnmt) -> 0   GNMT's instead of Hugging Face's (the default)
  translate(src, beam, max_len, length_penalty) -> (tokens [B, T], scores [B])
  logits(src, tgt_in) -> [B, T, V]      teacher-forced output scores, for verification
"""

import argparse
import math
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

# Layout of the `config` list install() takes.
CONFIG_FIELDS = ["encoder_layers", "decoder_layers", "heads", "pad_id", "eos_id", "scale_embedding",
                 "renormalize_logits", "forced_eos", "bad_words_pad"]
HUGGING_FACE, GNMT = 0, 1
# torch.finfo(torch.float32).min, which Hugging Face adds to masked attention scores.
LOWEST_FLOAT = -3.4028234663852886e38


def fused(weights: Dict[str, Tensor], prefix: str, parts: List[str], suffix: str) -> Tensor:
    """The named tensors stacked along their first dimension, one contiguous tensor."""
    tensors: List[Tensor] = []
    for part in parts:
        tensors.append(weights[prefix + part + suffix])
    return torch.cat(tensors, 0)


class Marian(nn.Module):
    # Per layer, in order. Self-attention projections are fused into one [3D, D] matrix and
    # cross-attention keys/values into one [2D, D]: one matrix product instead of three or two.
    enc_qkv_w: List[Tensor]
    enc_qkv_b: List[Tensor]
    enc_out_w: List[Tensor]
    enc_out_b: List[Tensor]
    enc_norm1_w: List[Tensor]
    enc_norm1_b: List[Tensor]
    enc_fc1_w: List[Tensor]
    enc_fc1_b: List[Tensor]
    enc_fc2_w: List[Tensor]
    enc_fc2_b: List[Tensor]
    enc_norm2_w: List[Tensor]
    enc_norm2_b: List[Tensor]
    dec_qkv_w: List[Tensor]
    dec_qkv_b: List[Tensor]
    dec_out_w: List[Tensor]
    dec_out_b: List[Tensor]
    dec_norm1_w: List[Tensor]
    dec_norm1_b: List[Tensor]
    dec_cross_q_w: List[Tensor]
    dec_cross_q_b: List[Tensor]
    dec_cross_kv_w: List[Tensor]
    dec_cross_kv_b: List[Tensor]
    dec_cross_out_w: List[Tensor]
    dec_cross_out_b: List[Tensor]
    dec_norm2_w: List[Tensor]
    dec_norm2_b: List[Tensor]
    dec_fc1_w: List[Tensor]
    dec_fc1_b: List[Tensor]
    dec_fc2_w: List[Tensor]
    dec_fc2_b: List[Tensor]
    dec_norm3_w: List[Tensor]
    dec_norm3_b: List[Tensor]

    def __init__(self):
        super().__init__()
        self.encoder_layers = 0
        self.decoder_layers = 0
        self.heads = 1
        self.pad_id = 0
        self.eos_id = 0
        self.embedding_scale = 1.0
        self.length_normalisation = HUGGING_FACE
        self.lowest = LOWEST_FLOAT
        self.gnmt = GNMT
        self.renormalize_logits = False
        self.forced_eos = True
        self.bad_words_pad = True
        empty = torch.zeros(0)
        self.shared = empty
        self.logits_bias = empty
        self.encoder_positions = empty
        self.decoder_positions = empty
        self.enc_qkv_w = []
        self.enc_qkv_b = []
        self.enc_out_w = []
        self.enc_out_b = []
        self.enc_norm1_w = []
        self.enc_norm1_b = []
        self.enc_fc1_w = []
        self.enc_fc1_b = []
        self.enc_fc2_w = []
        self.enc_fc2_b = []
        self.enc_norm2_w = []
        self.enc_norm2_b = []
        self.dec_qkv_w = []
        self.dec_qkv_b = []
        self.dec_out_w = []
        self.dec_out_b = []
        self.dec_norm1_w = []
        self.dec_norm1_b = []
        self.dec_cross_q_w = []
        self.dec_cross_q_b = []
        self.dec_cross_kv_w = []
        self.dec_cross_kv_b = []
        self.dec_cross_out_w = []
        self.dec_cross_out_b = []
        self.dec_norm2_w = []
        self.dec_norm2_b = []
        self.dec_fc1_w = []
        self.dec_fc1_b = []
        self.dec_fc2_w = []
        self.dec_fc2_b = []
        self.dec_norm3_w = []
        self.dec_norm3_b = []

    @torch.jit.export
    def install(self, weights: Dict[str, Tensor], config: List[int]) -> int:
        """Takes the weights under their Hugging Face state-dict names (`model.shared.weight`,
        `model.encoder.layers.0.self_attn.q_proj.weight`, ..., `final_logits_bias`) plus the
        position tables as `encoder_positions` and `decoder_positions`. The caller has checked
        names and shapes."""
        self.encoder_layers = config[0]
        self.decoder_layers = config[1]
        self.heads = config[2]
        self.pad_id = config[3]
        self.eos_id = config[4]
        self.shared = weights["model.shared.weight"].contiguous()
        d_model = self.shared.size(1)
        self.embedding_scale = math.sqrt(d_model) if config[5] != 0 else 1.0
        self.renormalize_logits = config[6] != 0
        # generate's ForcedEOSTokenLogitsProcessor and NoBadWordsLogitsProcessor, present when the
        # checkpoint's generation settings name forced_eos_token_id and bad_words_ids [[pad]].
        self.forced_eos = config[7] != 0
        self.bad_words_pad = config[8] != 0
        self.logits_bias = weights["final_logits_bias"].reshape(-1).contiguous()
        self.encoder_positions = weights["encoder_positions"].contiguous()
        self.decoder_positions = weights["decoder_positions"].contiguous()
        for i in range(self.encoder_layers):
            p = "model.encoder.layers." + str(i) + "."
            self.enc_qkv_w.append(fused(weights, p + "self_attn.", ["q_proj", "k_proj", "v_proj"], ".weight"))
            self.enc_qkv_b.append(fused(weights, p + "self_attn.", ["q_proj", "k_proj", "v_proj"], ".bias"))
            self.enc_out_w.append(fused(weights, p + "self_attn.", ["out_proj"], ".weight"))
            self.enc_out_b.append(fused(weights, p + "self_attn.", ["out_proj"], ".bias"))
            self.enc_norm1_w.append(fused(weights, p, ["self_attn_layer_norm"], ".weight"))
            self.enc_norm1_b.append(fused(weights, p, ["self_attn_layer_norm"], ".bias"))
            self.enc_fc1_w.append(fused(weights, p, ["fc1"], ".weight"))
            self.enc_fc1_b.append(fused(weights, p, ["fc1"], ".bias"))
            self.enc_fc2_w.append(fused(weights, p, ["fc2"], ".weight"))
            self.enc_fc2_b.append(fused(weights, p, ["fc2"], ".bias"))
            self.enc_norm2_w.append(fused(weights, p, ["final_layer_norm"], ".weight"))
            self.enc_norm2_b.append(fused(weights, p, ["final_layer_norm"], ".bias"))
        for i in range(self.decoder_layers):
            p = "model.decoder.layers." + str(i) + "."
            self.dec_qkv_w.append(fused(weights, p + "self_attn.", ["q_proj", "k_proj", "v_proj"], ".weight"))
            self.dec_qkv_b.append(fused(weights, p + "self_attn.", ["q_proj", "k_proj", "v_proj"], ".bias"))
            self.dec_out_w.append(fused(weights, p + "self_attn.", ["out_proj"], ".weight"))
            self.dec_out_b.append(fused(weights, p + "self_attn.", ["out_proj"], ".bias"))
            self.dec_norm1_w.append(fused(weights, p, ["self_attn_layer_norm"], ".weight"))
            self.dec_norm1_b.append(fused(weights, p, ["self_attn_layer_norm"], ".bias"))
            self.dec_cross_q_w.append(fused(weights, p + "encoder_attn.", ["q_proj"], ".weight"))
            self.dec_cross_q_b.append(fused(weights, p + "encoder_attn.", ["q_proj"], ".bias"))
            self.dec_cross_kv_w.append(fused(weights, p + "encoder_attn.", ["k_proj", "v_proj"], ".weight"))
            self.dec_cross_kv_b.append(fused(weights, p + "encoder_attn.", ["k_proj", "v_proj"], ".bias"))
            self.dec_cross_out_w.append(fused(weights, p + "encoder_attn.", ["out_proj"], ".weight"))
            self.dec_cross_out_b.append(fused(weights, p + "encoder_attn.", ["out_proj"], ".bias"))
            self.dec_norm2_w.append(fused(weights, p, ["encoder_attn_layer_norm"], ".weight"))
            self.dec_norm2_b.append(fused(weights, p, ["encoder_attn_layer_norm"], ".bias"))
            self.dec_fc1_w.append(fused(weights, p, ["fc1"], ".weight"))
            self.dec_fc1_b.append(fused(weights, p, ["fc1"], ".bias"))
            self.dec_fc2_w.append(fused(weights, p, ["fc2"], ".weight"))
            self.dec_fc2_b.append(fused(weights, p, ["fc2"], ".bias"))
            self.dec_norm3_w.append(fused(weights, p, ["final_layer_norm"], ".weight"))
            self.dec_norm3_b.append(fused(weights, p, ["final_layer_norm"], ".bias"))
        return 0

    @torch.jit.export
    def set_length_normalisation(self, gnmt: bool) -> int:
        """Hugging Face's (the default) or GNMT's; the engine sets what the bundle's model.json
        says when it loads the module."""
        self.length_normalisation = self.gnmt if gnmt else 0
        return 0

    # ---------------------------------------------------------------- building blocks

    def split_heads(self, x: Tensor) -> Tensor:
        b, t, d = x.shape
        return x.view(b, t, self.heads, d // self.heads).transpose(1, 2)

    def attend(self, q: Tensor, k: Tensor, v: Tensor, mask: Optional[Tensor]) -> Tensor:
        """q [B, H, Tq, hd] already scaled, k and v [B, H, Tk, hd], additive mask or None."""
        scores = torch.matmul(q, k.transpose(2, 3))
        if mask is not None:
            scores = scores + mask
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        b, h, t, hd = out.shape
        return out.transpose(1, 2).reshape(b, t, h * hd)

    def scaled_queries(self, x: Tensor) -> Tensor:
        return self.split_heads(x) * ((x.size(2) // self.heads) ** -0.5)

    def embed(self, tokens: Tensor, positions: Tensor, offset: int) -> Tensor:
        x = F.embedding(tokens, self.shared) * self.embedding_scale
        return x + positions[offset:offset + tokens.size(1)].unsqueeze(0)

    def padding_mask(self, src: Tensor) -> Tensor:
        """Additive [B, 1, 1, S] mask: padding gets the lowest float, as in Hugging Face."""
        return (src == self.pad_id).to(torch.float).unsqueeze(1).unsqueeze(1) * self.lowest

    def encode(self, src: Tensor) -> Tuple[Tensor, Tensor]:
        mask = self.padding_mask(src)
        x = self.embed(src, self.encoder_positions, 0)
        d = x.size(2)
        for i in range(self.encoder_layers):
            qkv = F.linear(x, self.enc_qkv_w[i], self.enc_qkv_b[i])
            q, k, v = qkv.split(d, dim=2)
            h = self.attend(self.scaled_queries(q), self.split_heads(k), self.split_heads(v), mask)
            x = F.layer_norm(x + F.linear(h, self.enc_out_w[i], self.enc_out_b[i]), (d,),
                             self.enc_norm1_w[i], self.enc_norm1_b[i], 1e-5)
            h = F.linear(F.silu(F.linear(x, self.enc_fc1_w[i], self.enc_fc1_b[i])), self.enc_fc2_w[i], self.enc_fc2_b[i])
            x = F.layer_norm(x + h, (d,), self.enc_norm2_w[i], self.enc_norm2_b[i], 1e-5)
        return x, mask

    def cross_keys_values(self, memory: Tensor) -> Tuple[List[Tensor], List[Tensor]]:
        d = memory.size(2)
        ks: List[Tensor] = []
        vs: List[Tensor] = []
        for i in range(self.decoder_layers):
            k, v = F.linear(memory, self.dec_cross_kv_w[i], self.dec_cross_kv_b[i]).split(d, dim=2)
            ks.append(self.split_heads(k))
            vs.append(self.split_heads(v))
        return ks, vs

    def decode(self, x: Tensor, self_ks: List[Tensor], self_vs: List[Tensor], self_mask: Optional[Tensor],
               cross_ks: List[Tensor], cross_vs: List[Tensor], src_mask: Tensor) -> Tensor:
        """Runs the decoder layers over x [B, T, D]. The self-attention caches are extended in place
        by this call's keys and values, so one call serves both teacher forcing and a single step."""
        d = x.size(2)
        for i in range(self.decoder_layers):
            q, k, v = F.linear(x, self.dec_qkv_w[i], self.dec_qkv_b[i]).split(d, dim=2)
            self_ks[i] = torch.cat([self_ks[i], self.split_heads(k)], dim=2)
            self_vs[i] = torch.cat([self_vs[i], self.split_heads(v)], dim=2)
            h = self.attend(self.scaled_queries(q), self_ks[i], self_vs[i], self_mask)
            x = F.layer_norm(x + F.linear(h, self.dec_out_w[i], self.dec_out_b[i]), (d,),
                             self.dec_norm1_w[i], self.dec_norm1_b[i], 1e-5)
            q = F.linear(x, self.dec_cross_q_w[i], self.dec_cross_q_b[i])
            h = self.attend(self.scaled_queries(q), cross_ks[i], cross_vs[i], src_mask)
            x = F.layer_norm(x + F.linear(h, self.dec_cross_out_w[i], self.dec_cross_out_b[i]), (d,),
                             self.dec_norm2_w[i], self.dec_norm2_b[i], 1e-5)
            h = F.linear(F.silu(F.linear(x, self.dec_fc1_w[i], self.dec_fc1_b[i])), self.dec_fc2_w[i], self.dec_fc2_b[i])
            x = F.layer_norm(x + h, (d,), self.dec_norm3_w[i], self.dec_norm3_b[i], 1e-5)
        return F.linear(x, self.shared) + self.logits_bias

    def empty_caches(self, rows: int, like: Tensor) -> Tuple[List[Tensor], List[Tensor]]:
        ks: List[Tensor] = []
        vs: List[Tensor] = []
        head_dim = like.size(3)
        for i in range(self.decoder_layers):
            ks.append(torch.zeros(rows, self.heads, 0, head_dim, dtype=like.dtype))
            vs.append(torch.zeros(rows, self.heads, 0, head_dim, dtype=like.dtype))
        return ks, vs

    def normalise(self, score: float, length: int, alpha: float) -> float:
        if self.length_normalisation == self.gnmt:
            return score / math.pow((5.0 + length) / 6.0, alpha)
        return score / math.pow(float(length), alpha)

    # ---------------------------------------------------------------- entry points

    @torch.jit.export
    def logits(self, src: Tensor, tgt_in: Tensor) -> Tensor:
        memory, src_mask = self.encode(src)
        cross_ks, cross_vs = self.cross_keys_values(memory)
        self_ks, self_vs = self.empty_caches(src.size(0), cross_ks[0])
        t = tgt_in.size(1)
        causal = torch.triu(torch.full((t, t), self.lowest), diagonal=1)
        x = self.embed(tgt_in, self.decoder_positions, 0)
        return self.decode(x, self_ks, self_vs, causal, cross_ks, cross_vs, src_mask)

    @torch.jit.export
    def translate(self, src: Tensor, beam_size: Tensor, max_len: Tensor,
                  length_penalty: Tensor) -> Tuple[Tensor, Tensor]:
        """Decodes each sentence of src [B, S] (right-padded with the pad id, each ending in eos).
        Returns [B, T] ids ending in eos (then eos padding) and each output's normalised
        log-probability. max_len counts output tokens including the end token."""
        beam = int(beam_size.item())
        steps = int(max_len.item())
        alpha = float(length_penalty.item())
        if beam == 1:
            return self.greedy(src, steps, alpha)
        return self.beam_search(src, beam, steps, alpha)

    def greedy(self, src: Tensor, steps: int, alpha: float) -> Tuple[Tensor, Tensor]:
        batch = src.size(0)
        memory, src_mask = self.encode(src)
        cross_ks, cross_vs = self.cross_keys_values(memory)
        self_ks, self_vs = self.empty_caches(batch, cross_ks[0])
        out = torch.full((batch, steps), self.eos_id, dtype=torch.long)
        sums = torch.zeros(batch, dtype=torch.double)
        lengths = torch.zeros(batch, dtype=torch.long)
        active = torch.arange(batch)  # rows still decoding, as indices into the batch
        token = torch.full((batch, 1), self.pad_id, dtype=torch.long)  # decoding starts from pad
        for step in range(steps):
            x = self.embed(token, self.decoder_positions, step)
            logits = self.decode(x, self_ks, self_vs, None, cross_ks, cross_vs, src_mask)[:, 0, :]
            if self.bad_words_pad:
                logits[:, self.pad_id] = -math.inf
            if step == steps - 1 and self.forced_eos:
                chosen = torch.full((active.size(0),), self.eos_id, dtype=torch.long)
            else:
                chosen = logits.argmax(dim=1)
            log_probs = torch.log_softmax(logits, dim=-1).gather(1, chosen.unsqueeze(1)).squeeze(1)
            out.select(1, step).index_copy_(0, active, chosen)
            sums.index_add_(0, active, log_probs.to(torch.double))
            lengths.index_fill_(0, active, step + 1)
            running = chosen != self.eos_id
            if not bool(running.any()):
                break
            if not bool(running.all()):
                # Finished sentences leave the batch: later steps compute only what is unfinished.
                keep = running.nonzero().squeeze(1)
                active = active.index_select(0, keep)
                chosen = chosen.index_select(0, keep)
                src_mask = src_mask.index_select(0, keep)
                for i in range(self.decoder_layers):
                    self_ks[i] = self_ks[i].index_select(0, keep)
                    self_vs[i] = self_vs[i].index_select(0, keep)
                    cross_ks[i] = cross_ks[i].index_select(0, keep)
                    cross_vs[i] = cross_vs[i].index_select(0, keep)
            token = chosen.unsqueeze(1)
        width = int(lengths.max().item())
        scores = torch.zeros(batch)
        for row in range(batch):
            scores[row] = self.normalise(float(sums[row].item()), int(lengths[row].item()), alpha)
        return out[:, :width], scores

    def beam_search(self, src: Tensor, beam: int, steps: int, alpha: float) -> Tuple[Tensor, Tensor]:
        batch = src.size(0)
        memory, src_mask = self.encode(src)
        memory = memory.repeat_interleave(beam, dim=0)
        src_mask = src_mask.repeat_interleave(beam, dim=0)
        cross_ks, cross_vs = self.cross_keys_values(memory)
        n = batch * beam
        self_ks, self_vs = self.empty_caches(n, cross_ks[0])
        tokens = torch.full((n, 1), self.pad_id, dtype=torch.long)
        beam_scores = torch.zeros(batch, beam)
        beam_scores[:, 1:] = -1e9  # all beams start identical: expand only the first one
        beam_scores = beam_scores.view(n)
        vocab = self.shared.size(0)

        # Finished hypotheses per sentence: (score, tokens without the start token, ended by eos).
        hyp_scores: List[List[float]] = []
        hyp_tokens: List[List[List[int]]] = []
        worst: List[float] = []
        active: List[int] = []  # sentences still searching, in row-block order
        for sentence in range(batch):
            hyp_scores.append(torch.jit.annotate(List[float], []))
            hyp_tokens.append(torch.jit.annotate(List[List[int]], []))
            worst.append(1e9)
            active.append(sentence)

        for step in range(steps):
            x = self.embed(tokens[:, -1:], self.decoder_positions, step)
            logits = self.decode(x, self_ks, self_vs, None, cross_ks, cross_vs, src_mask)[:, 0, :]
            logits[:, self.pad_id] = -math.inf  # never predict padding (before the softmax, as HF)
            log_probs = torch.log_softmax(logits, dim=-1)
            if step == steps - 1 and self.forced_eos:  # the cap: only the end token may follow
                forced = torch.full_like(log_probs, -math.inf)
                forced[:, self.eos_id] = 0.0
                log_probs = forced
            if self.renormalize_logits:
                log_probs = torch.log_softmax(log_probs, dim=-1)
            rows = len(active)
            candidates = (log_probs + beam_scores.unsqueeze(1)).view(rows, beam * vocab)
            top_scores, top_ids = candidates.topk(2 * beam, dim=1, largest=True, sorted=True)
            scores_list = torch.jit.annotate(List[List[float]], top_scores.tolist())
            ids_list = torch.jit.annotate(List[List[int]], top_ids.tolist())
            next_scores: List[float] = []
            next_tokens: List[int] = []
            next_rows: List[int] = []
            still: List[int] = []  # positions in `active` of sentences that go on
            generated = step + 1  # tokens generated so far, counting this step's
            for a in range(rows):
                sentence = active[a]
                kept = 0
                for rank in range(2 * beam):
                    token = ids_list[a][rank] % vocab
                    row = a * beam + ids_list[a][rank] // vocab
                    score = scores_list[a][rank]
                    if token == self.eos_id:
                        if rank >= beam:
                            continue
                        self.add_hypothesis(hyp_scores[sentence], hyp_tokens[sentence], worst, sentence,
                                            self.normalise(score, generated, alpha),
                                            torch.jit.annotate(List[int], tokens[row, 1:].tolist()) + [self.eos_id], beam)
                    else:
                        next_scores.append(score)
                        next_tokens.append(token)
                        next_rows.append(row)
                        kept += 1
                    if kept == beam:
                        break
                best = scores_list[a][0]
                done = len(hyp_scores[sentence]) >= beam and worst[sentence] >= self.normalise(best, generated, alpha)
                if not done:
                    still.append(a)
            origin = torch.tensor(next_rows, dtype=torch.long)
            tokens = torch.cat([tokens.index_select(0, origin),
                                torch.tensor(next_tokens, dtype=torch.long).unsqueeze(1)], dim=1)
            beam_scores = torch.tensor(next_scores, dtype=torch.float)
            for i in range(self.decoder_layers):
                self_ks[i] = self_ks[i].index_select(0, origin)
                self_vs[i] = self_vs[i].index_select(0, origin)
            if len(still) == 0:
                active = []
                break
            if len(still) < rows:
                # Finished sentences leave the batch (their beams are not computed any more).
                keep_list: List[int] = []
                for a in still:
                    for b in range(beam):
                        keep_list.append(a * beam + b)
                keep = torch.tensor(keep_list, dtype=torch.long)
                tokens = tokens.index_select(0, keep)
                beam_scores = beam_scores.index_select(0, keep)
                src_mask = src_mask.index_select(0, keep)
                for i in range(self.decoder_layers):
                    self_ks[i] = self_ks[i].index_select(0, keep)
                    self_vs[i] = self_vs[i].index_select(0, keep)
                    cross_ks[i] = cross_ks[i].index_select(0, keep)
                    cross_vs[i] = cross_vs[i].index_select(0, keep)
                remaining: List[int] = []
                for a in still:
                    remaining.append(active[a])
                active = remaining

        # Sentences the cap stopped: their open beams compete too, scored at their length.
        final_scores = torch.jit.annotate(List[float], beam_scores.tolist())
        for a in range(len(active)):
            sentence = active[a]
            for b in range(beam):
                row = a * beam + b
                generated_tokens = torch.jit.annotate(List[int], tokens[row, 1:].tolist())
                self.add_hypothesis(hyp_scores[sentence], hyp_tokens[sentence], worst, sentence,
                                    self.normalise(final_scores[row], len(generated_tokens), alpha),
                                    generated_tokens, beam)

        best_tokens: List[List[int]] = []
        best_scores: List[float] = []
        width = 1
        for sentence in range(batch):
            pick = 0
            for h in range(len(hyp_scores[sentence])):
                if hyp_scores[sentence][h] >= hyp_scores[sentence][pick]:
                    pick = h  # on a tie the later hypothesis wins, as Python's stable sort + pop
            best_tokens.append(hyp_tokens[sentence][pick])
            best_scores.append(hyp_scores[sentence][pick])
            width = max(width, len(hyp_tokens[sentence][pick]))
        out = torch.full((batch, width), self.eos_id, dtype=torch.long)
        for sentence in range(batch):
            ids = best_tokens[sentence]
            if len(ids) > 0:
                out[sentence, :len(ids)] = torch.tensor(ids, dtype=torch.long)
        return out, torch.tensor(best_scores, dtype=torch.float)

    def add_hypothesis(self, scores: List[float], hyps: List[List[int]], worst: List[float], sentence: int,
                       score: float, tokens: List[int], capacity: int) -> None:
        """Keeps the `capacity` best finished hypotheses of a sentence, as HF's BeamHypotheses."""
        if len(scores) < capacity or score > worst[sentence]:
            scores.append(score)
            hyps.append(tokens)
            if len(scores) > capacity:
                lowest = 0
                for h in range(len(scores)):
                    if scores[h] < scores[lowest]:
                        lowest = h
                scores.pop(lowest)
                hyps.pop(lowest)
                worst[sentence] = min(scores)
            else:
                worst[sentence] = min(score, worst[sentence])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    scripted = torch.jit.script(Marian())
    scripted.save(args.out)
    print(f"wrote {args.out}: methods install, translate, logits")


if __name__ == "__main__":
    main()
