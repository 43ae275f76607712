package dev.translation.training.marian;

import java.nio.ByteBuffer;

/** The element types a checkpoint may declare, and how the floating-point ones become float32. */
enum DType {
  FLOAT32("float32", 4, true),
  FLOAT16("float16", 2, true),
  BFLOAT16("bfloat16", 2, true),
  FLOAT64("float64", 8, true),
  INT64("int64", 8, false),
  INT32("int32", 4, false),
  INT16("int16", 2, false),
  INT8("int8", 1, false),
  UINT8("uint8", 1, false),
  BOOL("bool", 1, false);

  /** What the refusal messages name: only these become weights. */
  static final String WEIGHT_TYPES = "float32, float16, bfloat16 and float64";

  final String label;
  final int size;
  final boolean floatingPoint;

  DType(String label, int size, boolean floatingPoint) {
    this.label = label;
    this.size = size;
    this.floatingPoint = floatingPoint;
  }

  /** Decodes {@code count} elements from {@code from}'s position, in {@code from}'s byte order. */
  void decode(ByteBuffer from, float[] into, int offset, int count) {
    switch (this) {
      case FLOAT32 -> from.asFloatBuffer().get(into, offset, count);
      case FLOAT16 -> {
        for (int i = 0; i < count; i++) {
          into[offset + i] = Float.float16ToFloat(from.getShort());
        }
      }
      // bfloat16 is the upper half of a float32's bits.
      case BFLOAT16 -> {
        for (int i = 0; i < count; i++) {
          into[offset + i] = Float.intBitsToFloat((from.getShort() & 0xFFFF) << 16);
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < count; i++) {
          into[offset + i] = (float) from.getDouble();
        }
      }
      default -> throw new IllegalStateException(label + " is not a weight type");
    }
  }
}
