"""Writes the checkpoint fixtures that StateDictTest reads, in every format StateDict accepts.

Run with the system interpreter that has Debian's python3-torch (from any directory: paths are
relative to this script), and commit what it writes:

    /usr/bin/python3 model-training/src/test/python/write_state_dict_fixtures.py

The output is deterministic (fixed values, no random numbers, storages of the legacy format
numbered instead of named by address), so running it again changes no file unless torch's
serialisation itself changes. Files written, all in
model-training/src/test/resources/marian/state-dicts/:

  state-dict.zip.bin       torch.save's default zip format, an OrderedDict carrying _metadata
                           the way nn.Module.state_dict() returns it
  state-dict.legacy.bin    torch.save(..., _use_new_zipfile_serialization=False), a plain dict
                           (so the reader's handling of both dict kinds is exercised)
  state-dict.safetensors   the safetensors layout written by hand (the safetensors package is
                           not installed here); floating-point tensors only, each contiguous
  int32-tensor.zip.bin     a state dict with an int32 tensor, which is not a weight type
  expected.json            name -> {shape, values} of every floating-point tensor, the values as
                           float32 read back by torch, plus the names of the int64 buffers
"""

import collections
import contextlib
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "marian", "state-dicts")


def state_dict():
    # A slice of a saved tensor shares its storage: torch writes the storage once and the slice
    # as an offset into it, which the reader has to honour.
    bias = torch.arange(10, dtype=torch.float32) * 0.5
    entries = collections.OrderedDict()
    entries["encoder.weight"] = torch.tensor([[0.5, -1.25, 3.0], [1e-3, 1e30, -7.75]], dtype=torch.float32)
    entries["encoder.half"] = torch.tensor([1.0, -2.5, 0.1, 65504.0], dtype=torch.float16)
    entries["encoder.bfloat16"] = torch.tensor([1.0, -3.140625, 1e20], dtype=torch.bfloat16)
    # Saved as is, a transposed view keeps its strides (1, 4): not row-major.
    entries["decoder.transposed"] = torch.arange(12, dtype=torch.float32).view(3, 4).t()
    entries["decoder.bias"] = bias
    entries["decoder.bias_tail"] = bias[4:9]
    # Hugging Face state dicts carry integer buffers like this one; they are not weights.
    entries["embeddings.position_ids"] = torch.arange(5, dtype=torch.int64).unsqueeze(0)
    return entries


def with_metadata(entries):
    # nn.Module.state_dict() returns an OrderedDict with a _metadata attribute, which pickles as
    # BUILD state on the dict.
    result = collections.OrderedDict(entries)
    result._metadata = collections.OrderedDict([("", {"version": 1})])
    return result


@contextlib.contextmanager
def storages_numbered_in_order():
    # The legacy format names each storage by its memory address (str(storage._cdata)), which
    # differs from run to run; numbering storages in the order torch meets them keeps the file
    # identical across runs.
    address = torch._C.StorageBase._cdata
    numbers = {}
    torch.UntypedStorage._cdata = property(lambda storage: numbers.setdefault(address.__get__(storage), len(numbers)))
    try:
        yield
    finally:
        del torch.UntypedStorage._cdata


def write_safetensors(entries, path):
    dtypes = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}
    header = collections.OrderedDict()
    buffers = []
    offset = 0
    for name, tensor in entries.items():
        if tensor.dtype not in dtypes:
            continue
        tensor = tensor.contiguous()
        # bfloat16 has no numpy dtype: take the raw 16-bit patterns.
        raw = tensor.view(torch.int16).numpy().tobytes() if tensor.dtype == torch.bfloat16 else tensor.numpy().tobytes()
        header[name] = {"dtype": dtypes[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        buffers.append(raw)
        offset += len(raw)
    header["__metadata__"] = {"format": "pt"}
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    # The format pads the header with spaces to a multiple of 8 bytes so the data is aligned.
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for raw in buffers:
            f.write(raw)


def main():
    os.makedirs(OUT, exist_ok=True)
    entries = state_dict()
    torch.save(with_metadata(entries), os.path.join(OUT, "state-dict.zip.bin"))
    with storages_numbered_in_order():
        torch.save(dict(entries), os.path.join(OUT, "state-dict.legacy.bin"), _use_new_zipfile_serialization=False)
    write_safetensors(entries, os.path.join(OUT, "state-dict.safetensors"))
    torch.save(
        collections.OrderedDict([("weight", torch.ones(2)), ("counts", torch.tensor([1, 2, 3], dtype=torch.int32))]),
        os.path.join(OUT, "int32-tensor.zip.bin"),
    )

    expected = {"tensors": collections.OrderedDict(), "skipped": []}
    for name, tensor in entries.items():
        if tensor.dtype == torch.int64:
            expected["skipped"].append(name)
        else:
            expected["tensors"][name] = {"shape": list(tensor.shape), "values": tensor.float().flatten().tolist()}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
