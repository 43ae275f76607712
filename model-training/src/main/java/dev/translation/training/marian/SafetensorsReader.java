package dev.translation.training.marian;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads safetensors: an unsigned little-endian 64-bit header length, a JSON header mapping each
 * tensor's name to its dtype, shape and byte range, then the little-endian data those ranges index.
 */
final class SafetensorsReader {

  /** The safetensors library refuses larger headers too; it keeps a damaged length from OOMing. */
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final Map<String, DType> DTYPES =
      Map.of(
          "F32", DType.FLOAT32,
          "F16", DType.FLOAT16,
          "BF16", DType.BFLOAT16,
          "F64", DType.FLOAT64,
          "I64", DType.INT64,
          "I32", DType.INT32,
          "I16", DType.INT16,
          "I8", DType.INT8,
          "U8", DType.UINT8,
          "BOOL", DType.BOOL);

  private SafetensorsReader() {}

  static StateDict read(Path file) throws IOException {
    String source = file.toString();
    long fileSize = Files.size(file);
    byte[] headerBytes;
    long headerLength;
    try (InputStream in = Files.newInputStream(file)) {
      headerLength =
          ByteBuffer.wrap(in.readNBytes(Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerLength < 0 || headerLength > fileSize - Long.BYTES) {
        throw new CheckpointFormatException(
            source
                + " declares a safetensors header of "
                + Long.toUnsignedString(headerLength)
                + " bytes, but only "
                + (fileSize - Long.BYTES)
                + " follow: the file is truncated or not safetensors");
      }
      if (headerLength > MAX_HEADER_BYTES) {
        throw new CheckpointFormatException(
            source
                + " declares a safetensors header of "
                + headerLength
                + " bytes, more than the "
                + MAX_HEADER_BYTES
                + " the format allows");
      }
      headerBytes = in.readNBytes((int) headerLength);
    }
    JsonNode header;
    try {
      header = JSON.readTree(headerBytes);
    } catch (JacksonException e) {
      throw new CheckpointFormatException(
          source + " has a safetensors header that is not valid JSON: " + e.getOriginalMessage(),
          e);
    }
    if (header == null || !header.isObject()) {
      throw new CheckpointFormatException(
          source + " has a safetensors header that is not a JSON object");
    }
    long dataStart = Long.BYTES + headerLength;
    long dataSize = fileSize - dataStart;
    LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<String, JsonNode> property : header.properties()) {
      String name = property.getKey();
      if (name.equals("__metadata__")) {
        continue;
      }
      Entry entry =
          Entry.parse(property.getValue(), "tensor '" + name + "' in " + source, dataSize);
      if (entry.dtype == DType.INT64) {
        // Integer buffers such as position_ids are derived data, not weights.
        skipped.add(name);
      } else if (!entry.dtype.floatingPoint) {
        throw new CheckpointFormatException(
            entry.what
                + " has dtype "
                + entry.dtype.label
                + "; only "
                + DType.WEIGHT_TYPES
                + " weights are read (int64 buffers are skipped)");
      } else {
        tensors.put(name, entry.read(file, dataStart));
      }
    }
    return new StateDict(file, tensors, skipped);
  }

  /** One tensor's header entry, checked against the data that follows the header. */
  private record Entry(String what, DType dtype, long[] shape, long begin, long end) {

    static Entry parse(JsonNode node, String what, long dataSize) {
      if (node == null || !node.isObject()) {
        throw new CheckpointFormatException(what + " is described by a non-object in the header");
      }
      JsonNode dtypeNode = node.get("dtype");
      if (dtypeNode == null || !dtypeNode.isString()) {
        throw new CheckpointFormatException(what + " has no dtype");
      }
      DType dtype = DTYPES.get(dtypeNode.stringValue());
      if (dtype == null) {
        throw new CheckpointFormatException(
            what
                + " has the unknown dtype '"
                + dtypeNode.stringValue()
                + "'; F32, F16, BF16 and F64 are read, I64 skipped");
      }
      long[] shape = longs(node.get("shape"), what, "shape");
      long[] offsets = longs(node.get("data_offsets"), what, "data_offsets");
      if (offsets.length != 2) {
        throw new CheckpointFormatException(what + " has data_offsets that are not [begin, end]");
      }
      long begin = offsets[0];
      long end = offsets[1];
      if (begin > end || end > dataSize) {
        throw new CheckpointFormatException(
            what
                + " has data_offsets ["
                + begin
                + ", "
                + end
                + "] beyond the "
                + dataSize
                + " bytes of data after the header: the file is truncated or its header damaged");
      }
      return new Entry(what, dtype, shape, begin, end);
    }

    Tensor read(Path file, long dataStart) throws IOException {
      int count = Storages.elementCount(shape, what);
      if ((long) count * dtype.size != end - begin) {
        throw new CheckpointFormatException(
            what
                + " has shape "
                + Arrays.toString(shape)
                + " of "
                + dtype.label
                + ", which takes "
                + (long) count * dtype.size
                + " bytes, but its data_offsets span "
                + (end - begin));
      }
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(dataStart + begin);
        return new Tensor(shape, Storages.read(in, dtype, count, ByteOrder.LITTLE_ENDIAN, what));
      }
    }

    private static long[] longs(JsonNode node, String what, String field) {
      if (node == null || !node.isArray()) {
        throw new CheckpointFormatException(what + " has no " + field + " array");
      }
      long[] values = new long[node.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode item = node.get(i);
        if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() < 0) {
          throw new CheckpointFormatException(
              what + " has " + field + " " + node + ", not non-negative integers");
        }
        values[i] = item.longValue();
      }
      return values;
    }
  }
}
