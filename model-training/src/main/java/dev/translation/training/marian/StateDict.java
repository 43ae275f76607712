package dev.translation.training.marian;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a Hugging Face checkpoint by name, in the file's order, as float32: read from
 * {@code pytorch_model.bin} in PyTorch's zip format (the {@code torch.save} default since 1.6) or
 * its legacy format, or from {@code model.safetensors}, without Python.
 *
 * <p>Float32, float16, bfloat16 and float64 tensors are read; int64 tensors are buffers such as
 * {@code position_ids}, not weights, and are skipped (see {@link #skipped()}); any other dtype
 * fails the read. Pickled checkpoints never instantiate anything beyond dicts, storages and
 * tensors, so a hostile file fails with a {@link CheckpointFormatException} instead of running
 * code.
 */
public final class StateDict {

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  /**
   * The legacy format starts with a pickle of its magic number 0x1950a86a20f9469cfc6c as a LONG1
   * opcode: 0x8a, ten bytes, little-endian. It comes right after the PROTO opcode at protocol 2
   * (torch's default) and after a FRAME at protocol 4 and later, hence a search of the first bytes.
   */
  private static final byte[] LEGACY_MAGIC_PICKLE =
      HexFormat.of().parseHex("8a0a6cfc9c46f9206aa85019");

  private static final int HEAD_BYTES = 32;

  private final Path file;
  private final Map<String, Tensor> tensors;
  private final List<String> skipped;

  StateDict(Path file, LinkedHashMap<String, Tensor> tensors, List<String> skipped) {
    this.file = file;
    this.tensors = Collections.unmodifiableMap(tensors);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * Reads a checkpoint, telling its format by its first bytes rather than its name.
   *
   * @throws IOException if the file cannot be read
   * @throws CheckpointFormatException if its content is malformed, of none of the three formats, or
   *     holds something other than a flat dict of tensors of the supported dtypes
   */
  public static StateDict read(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    if (startsWith(head, ZIP_MAGIC)) {
      return TorchZipReader.read(file);
    }
    if (head.length > 0 && head[0] == (byte) 0x80 && contains(head, LEGACY_MAGIC_PICKLE)) {
      return TorchLegacyReader.read(file);
    }
    // A safetensors header is a JSON object right after its 8-byte length.
    if (head.length > Long.BYTES && head[Long.BYTES] == '{') {
      return SafetensorsReader.read(file);
    }
    throw new CheckpointFormatException(
        file
            + " is neither a PyTorch checkpoint (zip or legacy format) nor a safetensors file:"
            + " its first bytes match none of them");
  }

  /**
   * The tensor of that name.
   *
   * @throws CheckpointFormatException if the checkpoint has no such weight, naming it and the file
   */
  public Tensor get(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor != null) {
      return tensor;
    }
    if (skipped.contains(name)) {
      throw new CheckpointFormatException(
          "'" + name + "' in " + file + " is an int64 buffer, which is skipped, not a weight");
    }
    throw new CheckpointFormatException(file + " has no tensor '" + name + "'");
  }

  /** Whether the checkpoint has a weight of that name (skipped buffers do not count). */
  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  /** The weights' names in the file's order. */
  public Set<String> names() {
    return tensors.keySet();
  }

  /** The names of the int64 tensors, which are buffers (such as position_ids), not weights. */
  public List<String> skipped() {
    return skipped;
  }

  @Override
  public String toString() {
    return "StateDict[" + file + ", " + tensors.size() + " tensors]";
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return true;
      }
    }
    return false;
  }
}
