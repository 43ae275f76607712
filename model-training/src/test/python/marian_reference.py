"""Builds a tiny synthetic Opus-MT (Hugging Face Marian) checkpoint and its golden outputs.

The Java Marian converter and engine are checked token for token against the files this script
writes to `model-training/src/test/resources/marian/tiny-de-en/`:

* `build` trains two SentencePiece unigram models (German and English columns of
  `test-sets/ding-dev.tsv`), writes the shared Marian `vocab.json` (three source-only pieces left
  out on purpose, so the "unknown piece -> <unk>" path is exercised), `config.json`,
  `generation_config.json` and `tokenizer_config.json`, fits a 2+2-layer d_model 64 Marian on a
  few hundred short pairs of the same file (Adam, CPU, seeded), and saves `pytorch_model.bin`
  with the state-dict names and layout Hugging Face writes.
* `references` tokenizes the test sentences, decodes them greedily and with beam 4 (also with a
  cap of 6 tokens, to hit the forced end token; and per case two beam-4 variants, length penalty
  2.0 and `renormalize_logits=True`, plus the texts decoded with `clean_up_tokenization_spaces`),
  and writes `references.json`.

Run with Debian's python3 (python3-torch, python3-sentencepiece, python3-numpy), from anywhere:

    /usr/bin/python3 model-training/src/test/python/marian_reference.py build
    /usr/bin/python3 model-training/src/test/python/marian_reference.py references
    /usr/bin/python3 model-training/src/test/python/marian_reference.py all     # both

Both steps are deterministic (seeded, one CPU thread); running them twice gives identical files.

Where the references come from. Hugging Face `transformers` could not be installed on the build
machine, so the committed `references.json` was produced in *transcription mode* (the default):
an eager PyTorch transcription of transformers v4.36's MarianMTModel (module by module) and of
its `generate` (greedy search; beam search with a per-hypothesis BeamSearchScorer /
BeamHypotheses kept in plain Python, its length penalty, the processors NoBadWords and ForcedEOS
and, with `renormalize_logits`, LogitNormalization after them, Marian's
`adjust_logits_during_generation`, incremental decoding with cached keys and values) and of the
slow MarianTokenizer (with its `clean_up_tokenization`). Anywhere transformers v4.36 is
installed, regenerate the same JSON from the real library (`MarianTokenizer`, `MarianMTModel.from_pretrained`, `generate`) with

    python3 model-training/src/test/python/marian_reference.py references --transformers

and diff it against the committed file ("produced_by" names the library version; ids and texts
should be identical, floats equal up to float32 rounding of different matrix kernels). Newer
transformers releases changed MarianTokenizer (unknown pieces fall back to SentencePiece ids,
decoding defaults to the source model), so use v4.36 for that check.
"""

import argparse
import io
import json
import math
import os
import random
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

REPO = Path(__file__).resolve().parents[4]
CORPUS = REPO / "test-sets" / "ding-dev.tsv"
DEFAULT_DIR = REPO / "model-training" / "src" / "test" / "resources" / "marian" / "tiny-de-en"

SEED = 20240607
SPM_VOCAB = 150
# Source-only pieces deliberately missing from vocab.json (they map to <unk> = 1).
LEFT_OUT = ["▁sich", "▁nicht", "ieren"]
MAX_LENGTH = 512
CAPPED_LENGTH = 6
# A beam decision margin under this is a near tie: the script checks that flipping it does not
# change the result (float32 rounding at scores of -30 to -100 is some 4e-6 to 8e-6).
NEAR_TIE = 1e-4
TRAIN_STEPS = 2500
TRAIN_BATCH = 32
TRANSCRIPTION = "transcription of transformers v4.36 MarianMTModel (eager torch 1.13)"

SEEN = "Es gibt keine Erfolgsgarantie."
CASES = [
    SEEN,                                                     # seen in training
    "Wo ist das Problem?",                                     # short, seen in training
    "Der Lehrer kauft ein neues Buch.",                        # unseen
    "Sie will sich nicht informieren.",                        # the three left-out pieces
    "Hör zu: Die Bäume sind groß, schön und grün.",            # punctuation, ä ö ü ß
    "Mein Lieblingsbrettspiel ist Schach.",                    # medium, seen
    "Ziehe bloß keine voreiligen Schlüsse.",                   # medium, seen
    ("Der Filmregisseur ist für seine ausdrucksstarke Bildsprache bekannt, aber die Leute "
     "können ihn schlecht einschätzen, weil er oft über Geld spricht und nie "
     "pünktlich kommt."),                                      # 25 words
]
CAPPED = [CASES[2], CASES[4]]


# ---------------------------------------------------------------------------------------------
# Data and tokenizers
# ---------------------------------------------------------------------------------------------

def read_pairs():
    pairs = []
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            german, english = line.split("\t")
            pairs.append((german, english))
    return pairs


def training_pairs(pairs):
    """Short phrase and sentence pairs (3 to 8 German words, at most 8 English), file order."""
    chosen = [(g, e) for g, e in pairs if 3 <= len(g.split()) <= 8 and len(e.split()) <= 8]
    return chosen


def train_spm(sentences):
    import sentencepiece as spm
    spm.set_random_generator_seed(SEED)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences), model_writer=model, model_type="unigram",
        vocab_size=SPM_VOCAB, character_coverage=1.0, num_threads=1, input_sentence_size=0,
        shuffle_input_sentence=False, minloglevel=2)
    return model.getvalue()


def spm_pieces(model_bytes):
    """The model's ordinary pieces in id order (control and unknown symbols left out)."""
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())
            if not (sp.is_control(i) or sp.is_unknown(i) or sp.is_unused(i))]


def build_vocab(source_pieces, target_pieces):
    target = set(target_pieces)
    for piece in LEFT_OUT:
        assert piece in source_pieces and piece not in target, f"{piece} is not source-only"
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in source_pieces + target_pieces:
        if piece not in vocab and piece not in LEFT_OUT:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab


class MarianTokenizerTranscription:
    """The slow MarianTokenizer of transformers v4.36, as far as these checks use it."""

    def __init__(self, model_dir):
        import sentencepiece as spm
        model_dir = Path(model_dir)
        self.encoder = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
        self.decoder = {i: piece for piece, i in self.encoder.items()}
        self.spm_source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
        self.spm_target = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
        config = json.loads((model_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
        self.clean_up_tokenization_spaces = config.get("clean_up_tokenization_spaces", True)
        self.eos_token_id = self.encoder["</s>"]
        self.unk_token_id = self.encoder["<unk>"]
        self.pad_token_id = self.encoder["<pad>"]
        self.special_ids = {self.eos_token_id, self.unk_token_id, self.pad_token_id}

    def tokenize(self, text):
        # No ">>xx<<" language code in these sentences; the source model splits the rest.
        return self.spm_source.encode(text, out_type=str)

    def encode(self, text):
        ids = [self.encoder.get(piece, self.unk_token_id) for piece in self.tokenize(text)]
        return ids + [self.eos_token_id]

    def __call__(self, texts):
        """Right-padded batch: (input_ids, attention_mask) as long tensors."""
        rows = [self.encode(t) for t in texts]
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, :len(row)] = torch.tensor(row)
            mask[i, :len(row)] = 1
        return ids, mask

    def decode(self, ids, clean_up_tokenization_spaces=None):
        """decode(ids, skip_special_tokens=True[, clean_up_tokenization_spaces]) with the target
        SentencePiece model; None takes the setting of tokenizer_config.json."""
        pieces = [self.decoder.get(i, "<unk>") for i in ids if i not in self.special_ids]
        text = self.spm_target.decode_pieces(pieces).replace("\u2581", " ").strip()
        if clean_up_tokenization_spaces is None:
            clean_up_tokenization_spaces = self.clean_up_tokenization_spaces
        if clean_up_tokenization_spaces:  # PreTrainedTokenizerBase.clean_up_tokenization
            for before, after in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
                                  (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"),
                                  (" 're", "'re")):
                text = text.replace(before, after)
        return text


# ---------------------------------------------------------------------------------------------
# The model (MarianMTModel of transformers v4.36, eager)
# ---------------------------------------------------------------------------------------------

def sinusoid_table(n_pos, dim):
    """Marian's fixed positions: sines of the even angles in the first half, cosines after."""
    angles = np.zeros((n_pos, dim), dtype=np.float64)
    for pos in range(n_pos):
        for j in range(dim):
            angles[pos, j] = pos / np.power(10000, 2 * (j // 2) / dim)
    half = dim // 2 if dim % 2 == 0 else dim // 2 + 1
    table = torch.empty(n_pos, dim)
    table[:, :half] = torch.FloatTensor(np.sin(angles[:, 0::2]))
    table[:, half:] = torch.FloatTensor(np.cos(angles[:, 1::2]))
    return table


class SinusoidalPositions(nn.Embedding):
    def __init__(self, n_pos, dim):
        super().__init__(n_pos, dim)
        with torch.no_grad():
            self.weight.copy_(sinusoid_table(n_pos, dim))
        self.weight.requires_grad = False

    def forward(self, shape, past_length=0):
        positions = torch.arange(past_length, past_length + shape[1], dtype=torch.long)
        return super().forward(positions)


def additive_padding_mask(mask, tgt_len):
    """[B, S] 1/0 mask -> [B, 1, tgt_len, S] with float32-min where the source is padding."""
    expanded = mask[:, None, None, :].expand(mask.shape[0], 1, tgt_len, mask.shape[1]).float()
    inverted = 1.0 - expanded
    return inverted.masked_fill(inverted.bool(), torch.finfo(torch.float32).min)


def additive_causal_mask(batch, tgt_len, past_length):
    if tgt_len == 1:
        return None  # one new position sees every cached one
    mask = torch.full((tgt_len, tgt_len), torch.finfo(torch.float32).min)
    cond = torch.arange(tgt_len)
    mask.masked_fill_(cond < (cond + 1).view(-1, 1), 0.0)
    if past_length > 0:
        mask = torch.cat([torch.zeros(tgt_len, past_length), mask], dim=-1)
    return mask[None, None, :, :].expand(batch, 1, tgt_len, tgt_len + past_length)


class Attention(nn.Module):
    def __init__(self, dim, heads, dropout, is_decoder):
        super().__init__()
        self.dim, self.heads, self.head_dim = dim, heads, dim // heads
        self.scaling = self.head_dim ** -0.5
        self.dropout = dropout
        self.is_decoder = is_decoder
        self.k_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.q_proj = nn.Linear(dim, dim)
        self.out_proj = nn.Linear(dim, dim)

    def split(self, x, batch):
        return x.view(batch, -1, self.heads, self.head_dim).transpose(1, 2).contiguous()

    def forward(self, x, memory=None, past=None, mask=None):
        """Self-attention (memory None) or cross-attention; returns (output, (k, v) or None)."""
        batch, tgt_len, _ = x.shape
        q = self.q_proj(x) * self.scaling
        if memory is not None and past is not None and past[0].shape[2] == memory.shape[1]:
            k, v = past  # cross-attention keys/values computed at the first step
        elif memory is not None:
            k, v = self.split(self.k_proj(memory), batch), self.split(self.v_proj(memory), batch)
        elif past is not None:
            k = torch.cat([past[0], self.split(self.k_proj(x), batch)], dim=2)
            v = torch.cat([past[1], self.split(self.v_proj(x), batch)], dim=2)
        else:
            k, v = self.split(self.k_proj(x), batch), self.split(self.v_proj(x), batch)
        cache = (k, v) if self.is_decoder else None
        flat = (batch * self.heads, -1, self.head_dim)
        q = self.split(q, batch).view(*flat)
        src_len = k.shape[2]
        weights = torch.bmm(q, k.reshape(*flat).transpose(1, 2))
        if mask is not None:
            weights = weights.view(batch, self.heads, tgt_len, src_len) + mask
            weights = weights.view(batch * self.heads, tgt_len, src_len)
        weights = F.softmax(weights, dim=-1)
        weights = F.dropout(weights, p=0.0, training=self.training)  # attention_dropout 0
        out = torch.bmm(weights, v.reshape(*flat))
        out = out.view(batch, self.heads, tgt_len, self.head_dim).transpose(1, 2)
        out = out.reshape(batch, tgt_len, self.dim)
        return self.out_proj(out), cache


class EncoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["d_model"]
        self.dropout = c["dropout"]
        self.self_attn = Attention(d, c["encoder_attention_heads"], c["attention_dropout"], False)
        self.self_attn_layer_norm = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, c["encoder_ffn_dim"])
        self.fc2 = nn.Linear(c["encoder_ffn_dim"], d)
        self.final_layer_norm = nn.LayerNorm(d)

    def forward(self, x, mask):
        residual = x
        x, _ = self.self_attn(x, mask=mask)
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = self.self_attn_layer_norm(residual + x)
        residual = x
        x = F.silu(self.fc1(x))  # activation "swish"; activation_dropout 0
        x = F.dropout(self.fc2(x), p=self.dropout, training=self.training)
        return self.final_layer_norm(residual + x)


class DecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["d_model"]
        self.dropout = c["dropout"]
        self.self_attn = Attention(d, c["decoder_attention_heads"], c["attention_dropout"], True)
        self.self_attn_layer_norm = nn.LayerNorm(d)
        self.encoder_attn = Attention(d, c["decoder_attention_heads"], c["attention_dropout"], True)
        self.encoder_attn_layer_norm = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, c["decoder_ffn_dim"])
        self.fc2 = nn.Linear(c["decoder_ffn_dim"], d)
        self.final_layer_norm = nn.LayerNorm(d)

    def forward(self, x, self_mask, memory, memory_mask, past):
        """past: (self_k, self_v, cross_k, cross_v) or None; returns (x, new past)."""
        residual = x
        x, self_cache = self.self_attn(x, past=None if past is None else past[:2], mask=self_mask)
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = self.self_attn_layer_norm(residual + x)
        residual = x
        x, cross_cache = self.encoder_attn(x, memory=memory, past=None if past is None else past[2:],
                                           mask=memory_mask)
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = self.encoder_attn_layer_norm(residual + x)
        residual = x
        x = F.silu(self.fc1(x))
        x = F.dropout(self.fc2(x), p=self.dropout, training=self.training)
        x = self.final_layer_norm(residual + x)
        return x, self_cache + cross_cache


class Encoder(nn.Module):
    def __init__(self, c, embed_tokens):
        super().__init__()
        self.dropout = c["dropout"]
        self.embed_scale = math.sqrt(c["d_model"]) if c["scale_embedding"] else 1.0
        self.embed_tokens = embed_tokens
        self.embed_positions = SinusoidalPositions(c["max_position_embeddings"], c["d_model"])
        self.layers = nn.ModuleList([EncoderLayer(c) for _ in range(c["encoder_layers"])])

    def forward(self, input_ids, attention_mask):
        x = self.embed_tokens(input_ids) * self.embed_scale
        x = x + self.embed_positions(input_ids.shape)
        x = F.dropout(x, p=self.dropout, training=self.training)
        mask = additive_padding_mask(attention_mask, input_ids.shape[1])
        for layer in self.layers:
            x = layer(x, mask)
        return x


class Decoder(nn.Module):
    def __init__(self, c, embed_tokens):
        super().__init__()
        self.dropout = c["dropout"]
        self.embed_scale = math.sqrt(c["d_model"]) if c["scale_embedding"] else 1.0
        self.embed_tokens = embed_tokens
        self.embed_positions = SinusoidalPositions(c["max_position_embeddings"], c["d_model"])
        self.layers = nn.ModuleList([DecoderLayer(c) for _ in range(c["decoder_layers"])])

    def forward(self, input_ids, memory, memory_attention_mask, past=None):
        past_length = 0 if past is None else past[0][0].shape[2]
        x = self.embed_tokens(input_ids) * self.embed_scale
        x = x + self.embed_positions(input_ids.shape, past_length)
        x = F.dropout(x, p=self.dropout, training=self.training)
        self_mask = additive_causal_mask(input_ids.shape[0], input_ids.shape[1], past_length)
        memory_mask = additive_padding_mask(memory_attention_mask, input_ids.shape[1])
        caches = []
        for i, layer in enumerate(self.layers):
            x, cache = layer(x, self_mask, memory, memory_mask, None if past is None else past[i])
            caches.append(cache)
        return x, tuple(caches)


class MarianModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.shared = nn.Embedding(c["vocab_size"], c["d_model"], c["pad_token_id"])
        self.encoder = Encoder(c, self.shared)
        self.decoder = Decoder(c, self.shared)


class MarianMT(nn.Module):
    """Same module tree (hence state-dict names and order) as HF's MarianMTModel."""

    def __init__(self, c):
        super().__init__()
        self.config = c
        self.model = MarianModel(c)
        self.register_buffer("final_logits_bias", torch.zeros((1, c["vocab_size"])))
        self.lm_head = nn.Linear(c["d_model"], c["vocab_size"], bias=False)
        self.lm_head.weight = self.model.shared.weight  # tie_word_embeddings

    def encode(self, input_ids, attention_mask):
        return self.model.encoder(input_ids, attention_mask)

    def decode(self, decoder_input_ids, memory, attention_mask, past=None):
        """Returns (logits [B, T, V], new past)."""
        x, past = self.model.decoder(decoder_input_ids, memory, attention_mask, past)
        return self.lm_head(x) + self.final_logits_bias, past

    def init_weights(self, generator):
        std = self.config["init_std"]
        for module in self.modules():
            if isinstance(module, SinusoidalPositions):
                continue
            if isinstance(module, nn.Linear):
                if module is self.lm_head:
                    continue  # tied to the embedding
                module.weight.data.normal_(0.0, std, generator=generator)
                module.bias.data.zero_()
            elif isinstance(module, nn.Embedding):
                module.weight.data.normal_(0.0, std, generator=generator)
                module.weight.data[module.padding_idx].zero_()
        self.final_logits_bias.normal_(0.0, 0.01, generator=generator)


def load_model(model_dir):
    model_dir = Path(model_dir)
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    model = MarianMT(config)
    state = torch.load(model_dir / "pytorch_model.bin", map_location="cpu")
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not missing and not unexpected, (missing, unexpected)
    return model.eval()


def reorder_cache(past, beam_idx):
    # Self-attention states follow their beams; cross-attention states are the same in every beam.
    return tuple(tuple(s.index_select(0, beam_idx) for s in layer[:2]) + layer[2:] for layer in past)


# ---------------------------------------------------------------------------------------------
# generate (transformers v4.36): processors, greedy search, beam search
# ---------------------------------------------------------------------------------------------

def process_logits(decoder_ids, scores, pad, eos, max_length):
    """NoBadWordsLogitsProcessor([[pad]]) then ForcedEOSTokenLogitsProcessor."""
    bias = torch.zeros(scores.shape[-1])
    bias[pad] = float("-inf")
    scores = scores + bias
    if decoder_ids.shape[-1] == max_length - 1:
        scores[:, [i for i in range(scores.shape[1]) if i != eos]] = float("-inf")
        scores[:, eos] = 0
    return scores


def top_gap(row):
    """Top-1 minus top-2 of one score row; None when only one is finite (forced end)."""
    two = torch.topk(row, 2).values
    if not torch.isfinite(two[1]):
        return None
    return float(two[0] - two[1])


def greedy_search(model, input_ids, attention_mask, max_length, incremental=True, trace=None):
    """Returns the decoder sequences [B, T] including the start token (finished rows get pad)."""
    c = model.config
    pad, eos = c["pad_token_id"], c["eos_token_id"]
    with torch.no_grad():
        memory = model.encode(input_ids, attention_mask)
        ids = torch.full((input_ids.shape[0], 1), c["decoder_start_token_id"], dtype=torch.long)
        unfinished = torch.ones(input_ids.shape[0], dtype=torch.long)
        past = None
        while True:
            if incremental:
                step_ids = ids if past is None else ids[:, -1:]
                logits, past = model.decode(step_ids, memory, attention_mask, past)
            else:
                logits, _ = model.decode(ids, memory, attention_mask)
            scores = process_logits(ids, logits[:, -1, :], pad, eos, max_length)
            if trace is not None:
                trace.append(logits[:, -1, :].clone())
            next_tokens = torch.argmax(scores, dim=-1)
            next_tokens = next_tokens * unfinished + pad * (1 - unfinished)
            ids = torch.cat([ids, next_tokens[:, None]], dim=-1)
            unfinished = unfinished * (next_tokens != eos).long()
            if unfinished.max() == 0 or ids.shape[-1] >= max_length:
                return ids


class BeamHypotheses:
    def __init__(self, num_beams, length_penalty):
        self.num_beams = num_beams
        self.length_penalty = length_penalty
        self.beams = []  # (score, token ids without the end token, ended with eos)
        self.worst_score = 1e9

    def __len__(self):
        return len(self.beams)

    def add(self, hyp, sum_logprobs, generated_len, ended):
        score = sum_logprobs / (generated_len ** self.length_penalty)
        if len(self) < self.num_beams or score > self.worst_score:
            self.beams.append((score, hyp, ended))
            if len(self) > self.num_beams:
                ranked = sorted([(s, idx) for idx, (s, _, _) in enumerate(self.beams)])
                del self.beams[ranked[0][1]]
                self.worst_score = ranked[1][0]
            else:
                self.worst_score = min(score, self.worst_score)

    def is_done(self, best_sum_logprobs, cur_len, decoder_prompt_len):
        if len(self) < self.num_beams:
            return False
        # early_stopping False: the heuristic bound with the current length
        best_attainable = best_sum_logprobs / (cur_len - decoder_prompt_len) ** self.length_penalty
        return self.worst_score >= best_attainable


class BeamSearchScorer:
    def __init__(self, batch_size, num_beams, length_penalty=1.0):
        self.num_beams = num_beams
        self.hyps = [BeamHypotheses(num_beams, length_penalty) for _ in range(batch_size)]
        self.done = [False] * batch_size

    @property
    def is_done(self):
        return all(self.done)

    def process(self, input_ids, next_scores, next_tokens, next_indices, pad, eos,
                decoder_prompt_len, gaps=None):
        cur_len = input_ids.shape[-1] + 1
        batch_size = len(self.hyps)
        beam_scores = torch.zeros((batch_size, self.num_beams), dtype=next_scores.dtype)
        beam_tokens = torch.zeros((batch_size, self.num_beams), dtype=next_tokens.dtype)
        beam_indices = torch.zeros((batch_size, self.num_beams), dtype=next_indices.dtype)
        for b in range(batch_size):
            if self.done[b]:
                beam_scores[b, :] = 0
                beam_tokens[b, :] = pad
                beam_indices[b, :] = 0
                continue
            filled = 0
            last_rank = -1
            for rank in range(next_tokens.shape[1]):
                token = next_tokens[b, rank].item()
                score = next_scores[b, rank]
                row = b * self.num_beams + next_indices[b, rank].item()
                last_rank = rank
                if token == eos:
                    if rank >= self.num_beams:
                        continue  # an end outside the best num_beams candidates is ignored
                    self.hyps[b].add(input_ids[row].clone(), score.item(),
                                     generated_len=cur_len - decoder_prompt_len, ended=True)
                else:
                    beam_scores[b, filled] = score
                    beam_tokens[b, filled] = token
                    beam_indices[b, filled] = row
                    filled += 1
                if filled == self.num_beams:
                    break
            if filled < self.num_beams:
                raise ValueError("not enough non-eos candidates")
            if gaps is not None:
                gaps.append((b, last_rank))
            self.done[b] = self.done[b] or self.hyps[b].is_done(
                next_scores[b].max().item(), cur_len, decoder_prompt_len)
        return beam_scores.view(-1), beam_tokens.view(-1), beam_indices.view(-1)

    def finalize(self, input_ids, final_scores, eos, decoder_prompt_len):
        for b, hyps in enumerate(self.hyps):
            if self.done[b]:
                continue
            for j in range(self.num_beams):
                row = b * self.num_beams + j
                tokens = input_ids[row]
                hyps.add(tokens, final_scores[row].item(),
                         generated_len=tokens.shape[-1] - decoder_prompt_len, ended=False)
        results = []
        for hyps in self.hyps:
            score, hyp, ended = sorted(hyps.beams, key=lambda x: x[0]).pop()
            ids = hyp.tolist()[decoder_prompt_len:]
            if ended:
                ids.append(eos)  # finalize writes the end token after a hypothesis it fits behind
            # sequence_scores is a float32 tensor in transformers
            results.append((ids, float(torch.tensor(score, dtype=torch.float32).item())))
        return results


def beam_gap(flat_scores, eos, vocab, num_beams, last_rank):
    """Margin of one scorer decision; see README.md ("min_top_gap_beam")."""
    ranked = torch.sort(flat_scores, descending=True)
    values, tokens = ranked.values, ranked.indices % vocab
    margins = [float(values[last_rank] - values[last_rank + 1])]
    if tokens[num_beams - 1] == eos or tokens[num_beams] == eos:
        margins.append(float(values[num_beams - 1] - values[num_beams]))
    finite = [m for m in margins if math.isfinite(m)]
    return min(finite) if finite else None


def near_tie_flip(flat_scores, eos, vocab, num_beams, last_rank):
    """(flat index, lift) that puts the lower candidate of a decision's smallest margin (as
    beam_gap measures it) just above the higher one, to check a near tie does not matter."""
    ranked = torch.sort(flat_scores, descending=True)
    values, tokens = ranked.values, ranked.indices % vocab
    pairs = [(last_rank, last_rank + 1)]
    if tokens[num_beams - 1] == eos or tokens[num_beams] == eos:
        pairs.append((num_beams - 1, num_beams))
    pairs = [p for p in pairs if math.isfinite(float(values[p[0]] - values[p[1]]))]
    high, low = min(pairs, key=lambda p: float(values[p[0]] - values[p[1]]))
    return int(ranked.indices[low]), float(values[high] - values[low]) + 1e-5


def beam_search(model, input_ids, attention_mask, max_length, num_beams=4, gaps=None,
                length_penalty=1.0, renormalize=False, near_ties=None, nudge=None):
    """Returns [(ids without the start token, with eos when it ended), sequence score].

    length_penalty: generate's `length_penalty` (a finished hypothesis scores sum_logprobs /
    generated_len ** length_penalty; is_done uses the same exponent). renormalize: generate's
    `renormalize_logits` (LogitNormalization, a log_softmax after all other processors).
    near_ties (with gaps, one sentence): gets (step, flat index, lift) of each decision whose
    margin is under NEAR_TIE; nudge {step: (flat index, lift)} adds lift to that candidate."""
    c = model.config
    pad, eos = c["pad_token_id"], c["eos_token_id"]
    batch = input_ids.shape[0]
    with torch.no_grad():
        memory = model.encode(input_ids, attention_mask)
        memory = memory.repeat_interleave(num_beams, dim=0)
        mask = attention_mask.repeat_interleave(num_beams, dim=0)
        ids = torch.full((batch * num_beams, 1), c["decoder_start_token_id"], dtype=torch.long)
        decoder_prompt_len = ids.shape[-1]
        scorer = BeamSearchScorer(batch, num_beams, length_penalty)
        beam_scores = torch.zeros((batch, num_beams), dtype=torch.float)
        beam_scores[:, 1:] = -1e9
        beam_scores = beam_scores.view(-1)
        past = None
        step = 0
        while True:
            step_ids = ids if past is None else ids[:, -1:]
            logits, past = model.decode(step_ids, memory, mask, past)
            next_logits = logits[:, -1, :].clone()
            next_logits[:, pad] = float("-inf")  # Marian's adjust_logits_during_generation
            scores = F.log_softmax(next_logits, dim=-1)
            scores = process_logits(ids, scores, pad, eos, max_length)
            if renormalize:
                scores = scores.log_softmax(dim=-1)  # LogitNormalization, the last processor
            scores = scores + beam_scores[:, None].expand_as(scores)
            vocab = scores.shape[-1]
            scores = scores.view(batch, num_beams * vocab)
            if nudge is not None and step in nudge:
                flat, lift = nudge[step]
                scores[0, flat] += lift
            top_scores, top_ids = torch.topk(scores, 2 * num_beams, dim=1, largest=True, sorted=True)
            top_indices = torch.div(top_ids, vocab, rounding_mode="floor")
            top_tokens = top_ids % vocab
            decisions = [] if gaps is not None else None
            beam_scores, beam_tokens, beam_idx = scorer.process(
                ids, top_scores, top_tokens, top_indices, pad, eos, decoder_prompt_len, decisions)
            if gaps is not None:
                for b, last_rank in decisions:
                    gap = beam_gap(scores[b], eos, vocab, num_beams, last_rank)
                    if gap is not None:
                        gaps.append(gap)
                        if near_ties is not None and gap < NEAR_TIE:
                            flip = near_tie_flip(scores[b], eos, vocab, num_beams, last_rank)
                            near_ties.append((step,) + flip)
            ids = torch.cat([ids[beam_idx, :], beam_tokens.unsqueeze(-1)], dim=-1)
            past = reorder_cache(past, beam_idx)
            step += 1
            if scorer.is_done or ids.shape[-1] >= max_length:
                break
        return scorer.finalize(ids, beam_scores, eos, decoder_prompt_len)


def strip_generated(row, eos):
    """A generated row without its start token, cut after the first eos (batch padding)."""
    out = []
    for t in row[1:]:
        out.append(t)
        if t == eos:
            break
    return out


# ---------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------

def config_json(vocab_size, pad):
    return {
        "_name_or_path": "tiny-de-en",
        "activation_dropout": 0.0,
        "activation_function": "swish",
        "add_bias_logits": False,
        "add_final_layer_norm": False,
        "architectures": ["MarianMTModel"],
        "attention_dropout": 0.0,
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "classif_dropout": 0.0,
        "classifier_dropout": 0.0,
        "d_model": 64,
        "decoder_attention_heads": 4,
        "decoder_ffn_dim": 128,
        "decoder_layerdrop": 0.0,
        "decoder_layers": 2,
        "decoder_start_token_id": pad,
        "decoder_vocab_size": vocab_size,
        "dropout": 0.1,
        "encoder_attention_heads": 4,
        "encoder_ffn_dim": 128,
        "encoder_layerdrop": 0.0,
        "encoder_layers": 2,
        "eos_token_id": 0,
        "forced_eos_token_id": 0,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "max_length": MAX_LENGTH,
        "max_position_embeddings": 512,
        "model_type": "marian",
        "normalize_before": False,
        "normalize_embedding": False,
        "num_beams": 4,
        "num_hidden_layers": 2,
        "pad_token_id": pad,
        "scale_embedding": True,
        "share_encoder_decoder_embeddings": True,
        "static_position_embeddings": True,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "transformers_version": "4.36.0",
        "use_cache": True,
        "vocab_size": vocab_size,
    }


def generation_config_json(pad):
    # renormalize_logits is left out on purpose (transformers then defaults it to false).
    return {
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "decoder_start_token_id": pad,
        "eos_token_id": 0,
        "forced_eos_token_id": 0,
        "max_length": MAX_LENGTH,
        "num_beams": 4,
        "pad_token_id": pad,
        "transformers_version": "4.36.0",
    }


TOKENIZER_CONFIG = {
    "clean_up_tokenization_spaces": False,
    "eos_token": "</s>",
    "model_max_length": 512,
    "pad_token": "<pad>",
    "separate_vocabs": False,
    "source_lang": "de",
    "sp_model_kwargs": {},
    "target_lang": "en",
    "tokenizer_class": "MarianTokenizer",
    "unk_token": "<unk>",
}


def write_json(path, data, ensure_ascii=False):
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=ensure_ascii) + "\n",
                          encoding="utf-8")


def fit(model, examples, pad, steps, log):
    """Teacher-forced cross-entropy with Adam; examples are (source ids, label ids)."""
    gen = torch.Generator().manual_seed(SEED + 1)
    order = random.Random(SEED + 2)
    params = [p for p in model.parameters() if p.requires_grad] + [model.final_logits_bias]
    model.final_logits_bias.requires_grad_(True)
    optimizer = torch.optim.Adam(params, lr=3e-3)
    warmup = 50
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.1, 1.0 - s / steps)))
    model.train()
    pool = []
    for step in range(steps):
        if len(pool) < TRAIN_BATCH:
            more = list(range(len(examples)))
            order.shuffle(more)
            pool += more
        batch, pool = [examples[i] for i in pool[:TRAIN_BATCH]], pool[TRAIN_BATCH:]
        src_len = max(len(s) for s, _ in batch)
        tgt_len = max(len(t) for _, t in batch)
        src = torch.full((len(batch), src_len), pad, dtype=torch.long)
        src_mask = torch.zeros((len(batch), src_len), dtype=torch.long)
        dec_in = torch.full((len(batch), tgt_len), pad, dtype=torch.long)
        labels = torch.full((len(batch), tgt_len), -100, dtype=torch.long)
        for i, (s, t) in enumerate(batch):
            src[i, :len(s)] = torch.tensor(s)
            src_mask[i, :len(s)] = 1
            labels[i, :len(t)] = torch.tensor(t)
            dec_in[i, :len(t)] = torch.tensor([pad] + t[:-1])
        torch.manual_seed(int(torch.randint(0, 2 ** 31 - 1, (1,), generator=gen)))  # dropout
        memory = model.encode(src, src_mask)
        logits, _ = model.decode(dec_in, memory, src_mask)
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), labels.view(-1),
                               ignore_index=-100)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        schedule.step()
        if step % 100 == 0 or step == steps - 1:
            log(f"step {step} loss {loss.item():.4f}")
    model.final_logits_bias.requires_grad_(False)
    model.eval()


def build(out_dir, steps, log):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    pairs = read_pairs()
    source_spm = train_spm([g for g, _ in pairs])
    target_spm = train_spm([e for _, e in pairs])
    (out_dir / "source.spm").write_bytes(source_spm)
    (out_dir / "target.spm").write_bytes(target_spm)
    vocab = build_vocab(spm_pieces(source_spm), spm_pieces(target_spm))
    pad = vocab["<pad>"]
    # Like the files Hugging Face writes: ASCII with \u escapes.
    write_json(out_dir / "vocab.json", vocab, ensure_ascii=True)
    write_json(out_dir / "tokenizer_config.json", TOKENIZER_CONFIG)
    config = config_json(len(vocab), pad)
    write_json(out_dir / "config.json", config)
    write_json(out_dir / "generation_config.json", generation_config_json(pad))

    tokenizer = MarianTokenizerTranscription(out_dir)
    examples = []
    for german, english in training_pairs(pairs):
        target = [vocab[p] for p in tokenizer.spm_target.encode(english, out_type=str)] + [0]
        examples.append((tokenizer.encode(german), target))
    log(f"vocab {len(vocab)}, {len(examples)} training pairs")
    model = MarianMT(config)
    model.init_weights(torch.Generator().manual_seed(SEED))
    fit(model, examples, pad, steps, log)
    state = model.state_dict()
    torch.save(state, out_dir / "pytorch_model.bin")
    log(f"wrote {out_dir}")


# ---------------------------------------------------------------------------------------------
# references (transcription mode)
# ---------------------------------------------------------------------------------------------

def transcription_references(model_dir, log):
    tokenizer = MarianTokenizerTranscription(model_dir)
    model = load_model(model_dir)
    pad, eos = model.config["pad_token_id"], model.config["eos_token_id"]

    assert SEEN in [g for g, _ in training_pairs(read_pairs())]
    cases = []
    for source in CASES:
        input_ids, mask = tokenizer([source])
        trace = []
        greedy = greedy_search(model, input_ids, mask, MAX_LENGTH, trace=trace)
        greedy_ids = strip_generated(greedy[0].tolist(), eos)
        greedy_gaps = []
        for step, logits in enumerate(trace):
            prefix = greedy[:, :step + 1]
            gap = top_gap(process_logits(prefix, logits, pad, eos, MAX_LENGTH)[0])
            if gap is not None:
                greedy_gaps.append(gap)
        beam_gaps, near_ties = [], {}
        variants = {"beam": {}, "lp2": {"length_penalty": 2.0},
                    "renormalized": {"renormalize": True}}
        for name in variants:
            near_ties[name] = []
        [(beam_ids, beam_score)] = beam_search(model, input_ids, mask, MAX_LENGTH, gaps=beam_gaps,
                                               near_ties=near_ties["beam"])
        lp2_gaps, renormalized_gaps = [], []
        [(lp2_ids, lp2_score)] = beam_search(model, input_ids, mask, MAX_LENGTH, gaps=lp2_gaps,
                                             near_ties=near_ties["lp2"], **variants["lp2"])
        [(renormalized_ids, renormalized_score)] = beam_search(
            model, input_ids, mask, MAX_LENGTH, gaps=renormalized_gaps,
            near_ties=near_ties["renormalized"], **variants["renormalized"])
        results = {"beam": (beam_ids, beam_score), "lp2": (lp2_ids, lp2_score),
                   "renormalized": (renormalized_ids, renormalized_score)}
        for name, options in variants.items():
            for step, flat, lift in near_ties[name]:
                [flipped] = beam_search(model, input_ids, mask, MAX_LENGTH,
                                        nudge={step: (flat, lift)}, **options)
                assert flipped[0] == results[name][0], (source, name, step)
                assert abs(flipped[1] - results[name][1]) < 1e-4, (source, name, step)
                log(f"near tie ({name}, step {step}): flipping it changes nothing")
        decoder_input = [pad] + greedy_ids[:-1]
        with torch.no_grad():
            memory = model.encode(input_ids, mask)
            logits, _ = model.decode(torch.tensor([decoder_input]), memory, mask)
        cases.append({
            "source": source,
            "source_pieces": tokenizer.tokenize(source),
            "input_ids": input_ids[0].tolist(),
            "greedy_ids": greedy_ids,
            "greedy_text": tokenizer.decode(greedy_ids),
            "beam4_ids": beam_ids,
            "beam4_score": beam_score,
            "beam4_text": tokenizer.decode(beam_ids),
            "teacher_forced_decoder_input": decoder_input,
            "teacher_forced_logits": logits[0],
            "min_top_gap_greedy": min(greedy_gaps),
            "min_top_gap_beam": min(beam_gaps),
            "beam4_lp2_ids": lp2_ids,
            "beam4_lp2_score": lp2_score,
            "beam4_renormalized_ids": renormalized_ids,
            "beam4_renormalized_score": renormalized_score,
            "greedy_text_clean_up": tokenizer.decode(greedy_ids, clean_up_tokenization_spaces=True),
            "beam4_text_clean_up": tokenizer.decode(beam_ids, clean_up_tokenization_spaces=True),
            "min_top_gap_beam_lp2": min(lp2_gaps),
            "min_top_gap_beam_renormalized": min(renormalized_gaps),
        })
        log(f"{len(greedy_ids):3d} greedy, {len(beam_ids):3d} beam tokens, gaps "
            f"{min(greedy_gaps):.3f} / {min(beam_gaps):.4f}: {cases[-1]['greedy_text']!r}")

    # Incremental decoding with the cache equals a full recompute of every prefix.
    first, first_mask = tokenizer([CASES[2]])
    trace_cached, trace_full = [], []
    cached = greedy_search(model, first, first_mask, MAX_LENGTH, trace=trace_cached)
    full = greedy_search(model, first, first_mask, MAX_LENGTH, incremental=False, trace=trace_full)
    assert torch.equal(cached, full), "cached and recomputed greedy decoding differ"
    for a, b in zip(trace_cached, trace_full):
        assert torch.allclose(a, b, rtol=0, atol=1e-4), float((a - b).abs().max())
    teacher = torch.tensor(cases[2]["teacher_forced_logits"].tolist())
    assert torch.allclose(torch.cat(trace_cached), teacher, rtol=0, atol=1e-4)

    # One padded batch decodes as the sentences one by one.
    batch_ids, batch_mask = tokenizer(CASES)
    greedy_batch = greedy_search(model, batch_ids, batch_mask, MAX_LENGTH)
    beam_batch = beam_search(model, batch_ids, batch_mask, MAX_LENGTH)
    lp2_batch = beam_search(model, batch_ids, batch_mask, MAX_LENGTH, length_penalty=2.0)
    renormalized_batch = beam_search(model, batch_ids, batch_mask, MAX_LENGTH, renormalize=True)
    for i, case in enumerate(cases):
        assert strip_generated(greedy_batch[i].tolist(), eos) == case["greedy_ids"], i
        assert beam_batch[i][0] == case["beam4_ids"], i
        assert lp2_batch[i][0] == case["beam4_lp2_ids"], i
        assert renormalized_batch[i][0] == case["beam4_renormalized_ids"], i

    capped = []
    for source in CAPPED:
        input_ids, mask = tokenizer([source])
        greedy = greedy_search(model, input_ids, mask, CAPPED_LENGTH)
        [(beam_ids, beam_score)] = beam_search(model, input_ids, mask, CAPPED_LENGTH)
        capped.append({
            "source": source,
            "max_length": CAPPED_LENGTH,
            "greedy_ids": strip_generated(greedy[0].tolist(), eos),
            "beam4_ids": beam_ids,
            "beam4_score": beam_score,
        })
    return {"produced_by": TRANSCRIPTION, "max_length": MAX_LENGTH, "cases": cases,
            "capped": capped}


# ---------------------------------------------------------------------------------------------
# references (--transformers: the real library, v4.36)
# ---------------------------------------------------------------------------------------------

def transformers_references(model_dir, log):
    import transformers
    from transformers import LogitsProcessor, LogitsProcessorList, MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(str(model_dir))
    model = MarianMTModel.from_pretrained(str(model_dir)).eval()
    pad, eos = model.config.pad_token_id, model.config.eos_token_id

    class Recorder(LogitsProcessor):
        """Runs after the built-in processors and keeps what they produced.

        generate appends LogitNormalization (renormalize_logits) after the custom processors, so
        the recorder applies the same log_softmax to what it keeps (and returns the scores as
        they came)."""

        def __init__(self, renormalize=False):
            self.steps = []
            self.renormalize = renormalize

        def __call__(self, input_ids, scores):
            kept = scores.log_softmax(dim=-1) if self.renormalize else scores
            self.steps.append((input_ids.clone(), kept.clone()))
            return scores

    def generate(source, max_length, num_beams, **options):
        """options: further generate arguments (length_penalty, renormalize_logits)."""
        encoded = tokenizer([source], return_tensors="pt")
        recorder = Recorder(renormalize=options.get("renormalize_logits", False))
        with torch.no_grad():
            out = model.generate(**encoded, num_beams=num_beams, max_length=max_length,
                                 logits_processor=LogitsProcessorList([recorder]),
                                 output_scores=True, return_dict_in_generate=True, **options)
        ids = strip_generated(out.sequences[0].tolist(), eos)
        score = out.sequences_scores[0].item() if num_beams > 1 else None
        return encoded, ids, score, recorder.steps

    def beam_gaps(steps, num_beams=4):
        # Rebuild the running beam scores from the prefixes to see each step's candidates.
        running, gaps = {}, []
        for input_ids, scores in steps:
            if input_ids.shape[-1] == 1:
                beam = torch.tensor([0.0] + [-1e9] * (num_beams - 1))
            else:
                beam = torch.tensor([running[tuple(r)] for r in input_ids.tolist()])
            candidates = scores + beam[:, None]
            vocab = candidates.shape[-1]
            for r, prefix in enumerate(input_ids.tolist()):
                for t in torch.nonzero(torch.isfinite(candidates[r])).flatten().tolist():
                    running[tuple(prefix) + (t,)] = candidates[r, t].item()
            flat = candidates.view(-1)
            ranked = torch.topk(flat, 2 * num_beams)
            filled, last_rank = 0, -1
            for rank, (flat_id) in enumerate(ranked.indices.tolist()):
                last_rank = rank
                if flat_id % vocab == eos:
                    continue
                filled += 1
                if filled == num_beams:
                    break
            gap = beam_gap(flat, eos, vocab, num_beams, last_rank)
            if gap is not None:
                gaps.append(gap)
        return gaps

    cases = []
    for source in CASES:
        encoded, greedy_ids, _, greedy_steps = generate(source, MAX_LENGTH, 1)
        _, beam_ids, beam_score, beam_steps = generate(source, MAX_LENGTH, 4)
        _, lp2_ids, lp2_score, lp2_steps = generate(source, MAX_LENGTH, 4, length_penalty=2.0)
        _, renormalized_ids, renormalized_score, renormalized_steps = generate(
            source, MAX_LENGTH, 4, renormalize_logits=True)
        decoder_input = [pad] + greedy_ids[:-1]
        with torch.no_grad():
            logits = model(**encoded, decoder_input_ids=torch.tensor([decoder_input])).logits
        greedy_gaps = [g for g in (top_gap(s[0]) for _, s in greedy_steps) if g is not None]
        decode = lambda ids, **options: tokenizer.decode(ids, skip_special_tokens=True,
                                                         use_source_tokenizer=False, **options)
        cases.append({
            "source": source,
            "source_pieces": tokenizer.tokenize(source),
            "input_ids": encoded["input_ids"][0].tolist(),
            "greedy_ids": greedy_ids,
            "greedy_text": decode(greedy_ids),
            "beam4_ids": beam_ids,
            "beam4_score": beam_score,
            "beam4_text": decode(beam_ids),
            "teacher_forced_decoder_input": decoder_input,
            "teacher_forced_logits": logits[0],
            "min_top_gap_greedy": min(greedy_gaps),
            "min_top_gap_beam": min(beam_gaps(beam_steps)),
            "beam4_lp2_ids": lp2_ids,
            "beam4_lp2_score": lp2_score,
            "beam4_renormalized_ids": renormalized_ids,
            "beam4_renormalized_score": renormalized_score,
            "greedy_text_clean_up": decode(greedy_ids, clean_up_tokenization_spaces=True),
            "beam4_text_clean_up": decode(beam_ids, clean_up_tokenization_spaces=True),
            "min_top_gap_beam_lp2": min(beam_gaps(lp2_steps)),
            "min_top_gap_beam_renormalized": min(beam_gaps(renormalized_steps)),
        })

    batch = tokenizer(CASES, return_tensors="pt", padding=True)
    with torch.no_grad():
        greedy_batch = model.generate(**batch, num_beams=1, max_length=MAX_LENGTH)
        beam_batch = model.generate(**batch, num_beams=4, max_length=MAX_LENGTH)
        lp2_batch = model.generate(**batch, num_beams=4, max_length=MAX_LENGTH,
                                   length_penalty=2.0)
        renormalized_batch = model.generate(**batch, num_beams=4, max_length=MAX_LENGTH,
                                            renormalize_logits=True)
    for i, case in enumerate(cases):
        assert strip_generated(greedy_batch[i].tolist(), eos) == case["greedy_ids"], i
        assert strip_generated(beam_batch[i].tolist(), eos) == case["beam4_ids"], i
        assert strip_generated(lp2_batch[i].tolist(), eos) == case["beam4_lp2_ids"], i
        assert strip_generated(renormalized_batch[i].tolist(), eos) == \
            case["beam4_renormalized_ids"], i

    capped = []
    for source in CAPPED:
        _, greedy_ids, _, _ = generate(source, CAPPED_LENGTH, 1)
        _, beam_ids, beam_score, _ = generate(source, CAPPED_LENGTH, 4)
        capped.append({"source": source, "max_length": CAPPED_LENGTH, "greedy_ids": greedy_ids,
                       "beam4_ids": beam_ids, "beam4_score": beam_score})
    return {"produced_by": f"transformers {transformers.__version__}", "max_length": MAX_LENGTH,
            "cases": cases, "capped": capped}


# ---------------------------------------------------------------------------------------------
# references.json
# ---------------------------------------------------------------------------------------------

def float32_text(value):
    """Shortest text that reads back as the same float32."""
    return repr(np.float32(value)).replace("np.float32(", "").rstrip(")")


def dump_references(data):
    """JSON with one line per logits row; logits as float32 text, gaps rounded for reading."""
    lines = ["{"]
    lines.append(f'  "produced_by": {json.dumps(data["produced_by"])},')
    lines.append(f'  "max_length": {data["max_length"]},')
    lines.append('  "cases": [')
    for n, case in enumerate(data["cases"]):
        lines.append("    {")
        fields = []
        for key, value in case.items():
            if key == "teacher_forced_logits":
                rows = [
                    "        [" + ", ".join(float32_text(v) for v in row.tolist()) + "]"
                    for row in value]
                fields.append(f'      "{key}": [\n' + ",\n".join(rows) + "\n      ]")
            elif key.startswith("min_top_gap"):
                fields.append(f'      "{key}": {json.dumps(round(value, 6))}')
            else:
                fields.append(f'      "{key}": {json.dumps(value, ensure_ascii=False)}')
        lines.append(",\n".join(fields))
        lines.append("    }" + ("," if n < len(data["cases"]) - 1 else ""))
    lines.append("  ],")
    lines.append('  "capped": [')
    capped = [f"    {json.dumps(c, ensure_ascii=False)}" for c in data["capped"]]
    lines.append(",\n".join(capped))
    lines.append("  ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # well-formed
    return text


def references(model_dir, use_transformers, log):
    model_dir = Path(model_dir)
    if use_transformers:
        data = transformers_references(model_dir, log)
    else:
        data = transcription_references(model_dir, log)
    for case in data["cases"]:
        assert case["min_top_gap_greedy"] >= 0.05, (case["source"], case["min_top_gap_greedy"])
        assert case["greedy_ids"][-1] == 0 and case["beam4_ids"][-1] == 0
        assert case["beam4_lp2_ids"][-1] == 0 and case["beam4_renormalized_ids"][-1] == 0
    for case in data["capped"]:
        assert len(case["greedy_ids"]) == CAPPED_LENGTH - 1 and case["greedy_ids"][-1] == 0
    (model_dir / "references.json").write_text(dump_references(data), encoding="utf-8")
    (model_dir / "README.md").write_text(readme(model_dir, data), encoding="utf-8")
    log(f"wrote {model_dir / 'references.json'} and README.md")


def readme(model_dir, data):
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    vocab_size, pad = config["vocab_size"], config["pad_token_id"]
    beam_margin = lambda v: f"{v:.4f}" if v >= NEAR_TIE else f"{v:.1e} (near tie)"
    gaps = "\n".join(
        f"| {n + 1} | {c['source']} | {len(c['greedy_ids'])} | {c['min_top_gap_greedy']:.3f} "
        f"| {beam_margin(c['min_top_gap_beam'])} | {len(c['beam4_lp2_ids'])} "
        f"| {beam_margin(c['min_top_gap_beam_lp2'])} "
        f"| {beam_margin(c['min_top_gap_beam_renormalized'])} |"
        for n, c in enumerate(data["cases"]))
    cases = data["cases"]
    numbers = lambda picked: (
        ", ".join(str(n + 1) for n, c in enumerate(cases) if picked(c)) or "none")
    lp2_longer = numbers(lambda c: c["beam4_lp2_ids"] != c["beam4_ids"])
    renormalized_differs = numbers(
        lambda c: (c["beam4_renormalized_ids"], c["beam4_renormalized_score"])
        != (c["beam4_ids"], c["beam4_score"]))
    cleaned = numbers(lambda c: (c["greedy_text_clean_up"], c["beam4_text_clean_up"])
                      != (c["greedy_text"], c["beam4_text"]))
    near_ties = [(n + 1, key, c[key]) for n, c in enumerate(cases) for key in c
                 if key.startswith("min_top_gap_beam") and c[key] < NEAR_TIE]
    near_tie_text = "; ".join(f"case {n} `{key}` {value:.1e}" for n, key, value in near_ties)
    margins = ("Each margin is far above float32 noise." if not near_ties else
               f"Each margin is far above float32 noise except {near_tie_text} (a few float32 "
               "rounding steps at these score magnitudes): for every beam decision under "
               f"{NEAR_TIE:g} the script decodes again with the two candidates swapped and checks that ids and score stay "
               "the same, so the golden does not hang on it.")
    left_out = ", ".join(f"`{p}`" for p in LEFT_OUT)
    return f"""# tiny-de-en: a synthetic Opus-MT checkpoint with golden outputs

Test data for the Java Marian converter and engine. Written by
`model-training/src/test/python/marian_reference.py` (Debian's python3 with python3-torch,
python3-sentencepiece, python3-numpy; deterministic, run from anywhere):

    /usr/bin/python3 model-training/src/test/python/marian_reference.py build       # checkpoint
    /usr/bin/python3 model-training/src/test/python/marian_reference.py references  # goldens, this file

Not a translation model: a Hugging Face Marian (MarianMTModel) of d_model 64, 2 encoder and 2
decoder layers, 4 heads, feed-forward 128, fitted for {TRAIN_STEPS} seeded Adam steps on short
German-English pairs of `test-sets/ding-dev.tsv` (3-8 German words, at most 8 English). It
reproduces sentences it saw; what it writes for others is nonsense, but confident nonsense.

The goldens were produced by:

    {data["produced_by"]}

Hugging Face `transformers` could not be installed on the build machine, so the committed
goldens come from the script's transcription of transformers v4.36 (model, greedy and beam search with its BeamSearchScorer, length penalty and LogitNormalization, slow MarianTokenizer with its clean-up). Where
transformers v4.36 is installed, `references --transformers` writes the same JSON from the real
library; later releases changed MarianTokenizer's handling of unknown pieces.

| file | what it is |
|---|---|
| `config.json` | MarianConfig as Opus-MT writes it: vocab_size {vocab_size}, pad = decoder start = bad word = {pad}, eos 0, swish, scale_embedding, static (sinusoidal) positions, tied embeddings |
| `generation_config.json` | num_beams 4, max_length 512, forced eos 0, bad_words_ids [[{pad}]]; `renormalize_logits` deliberately absent (false: no log-softmax after the processors; the `beam4_renormalized_*` goldens pass it to `generate`) |
| `pytorch_model.bin` | `torch.save` of the state dict (zip format), HF names and order; `model.shared.weight`, `model.encoder.embed_tokens.weight`, `model.decoder.embed_tokens.weight` and `lm_head.weight` share one storage, as HF's tied weights do; `embed_positions` hold the sinusoidal tables; `final_logits_bias` is [1, {vocab_size}] |
| `source.spm`, `target.spm` | SentencePiece unigram models (150 pieces, character coverage 1.0, default nmt_nfkc normalisation, whose table is most of each file) trained on the German and the English column of `ding-dev.tsv` |
| `vocab.json` | the shared Marian vocabulary: `</s>` 0, `<unk>` 1, the source model's pieces in its order, then the target model's other pieces, `<pad>` last ({pad}). Left out on purpose: {left_out} (source-only pieces; they become `<unk>` = 1, see case 4) |
| `tokenizer_config.json` | MarianTokenizer settings; `clean_up_tokenization_spaces` is false, so a decoded text is just the target model's decoding of the non-special pieces, `▁` as space, stripped (transformers v4.36 cleans up " ." etc. when the key is absent; the `*_text_clean_up` goldens pass `clean_up_tokenization_spaces=True` to `decode`) |
| `references.json` | the goldens, below |

`references.json`: per case the source pieces, `input_ids` (vocab ids + eos), greedy and beam-4
ids (without the decoder start, ending with eos 0) and texts, `beam4_score` (HF's
`sequences_scores`: the best hypothesis' sum of log-probabilities / generated length including
the eos; a float32 value printed as a double), the raw logits (with `final_logits_bias`) of a
teacher-forced pass over `[pad] + greedy_ids[:-1]` as float32 text, and two margins.
`min_top_gap_greedy` is the smallest top-1 minus top-2 score over the greedy steps (the forced
last step aside). `min_top_gap_beam` is the smallest margin of a beam-search decision: at each
step, the score of the last candidate the scorer consumed minus the next-best candidate of all
beams x vocabulary (and, when an eos sits at 0-based rank 3 or 4, the difference between those
two ranks, where an eos stops being accepted). {margins} The `capped` entries decode with max_length 6, so the end token
is forced as the fifth generated token.

After those, each case has three variants for options a caller of `generate` / `decode` can set:

* `beam4_lp2_ids`, `beam4_lp2_score`: beam 4 with `length_penalty=2.0`, so a finished hypothesis
  scores its sum of log-probabilities / generated length ** 2 (the eos included), and the
  scorer's "done" test divides the best running sum by the current generated length ** 2. Long
  nonsense wins on this model: cases {lp2_longer} differ from `beam4_ids` (see the table).
* `beam4_renormalized_ids`, `beam4_renormalized_score`: beam 4, length penalty 1.0, with
  `renormalize_logits=True` (LogitNormalization: a log_softmax of the scores after NoBadWords and
  ForcedEOS, before the running beam scores are added; greedy search would not change). The
  scores are already log-probabilities there, so this should change nothing; cases whose ids or
  score differ from `beam4_*`: {renormalized_differs}.
* `greedy_text_clean_up`, `beam4_text_clean_up`: `greedy_ids` and `beam4_ids` decoded with
  `clean_up_tokenization_spaces=True` (transformers v4.36's `clean_up_tokenization` after the
  normal decoding: " ." -> ".", " ?" -> "?", " !" -> "!", " ," -> ",", " ' " -> "'", " n't" ->
  "n't", " 'm" -> "'m", " 's" -> "'s", " 've" -> "'ve", " 're" -> "'re", in that order). Cases
  where that changes a text: {cleaned} (the target model glues punctuation to words and writes ’).
* `min_top_gap_beam_lp2`, `min_top_gap_beam_renormalized`: `min_top_gap_beam` of the two
  variants.

| case | source | greedy tokens | min_top_gap_greedy | min_top_gap_beam | lp2 tokens | min_top_gap_beam_lp2 | min_top_gap_beam_renormalized |
|---|---|---|---|---|---|---|---|
{gaps}

The script also checks that decoding with the key/value cache equals a full recompute, and that
all eight sources decoded as one padded batch give the same greedy and beam ids (all three beam
variants) as one by one.
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["build", "references", "all"])
    parser.add_argument("--dir", default=str(DEFAULT_DIR), help="checkpoint directory")
    parser.add_argument("--steps", type=int, default=TRAIN_STEPS, help="Adam steps for build")
    parser.add_argument("--transformers", action="store_true",
                        help="references from the installed transformers instead of the transcription")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    log = lambda message: print(message, file=sys.stderr)
    if args.command in ("build", "all"):
        build(args.dir, args.steps, log)
    if args.command in ("references", "all"):
        references(args.dir, args.transformers, log)


if __name__ == "__main__":
    main()
