package dev.translation.training.marian;

import dev.translation.training.marian.TorchUnpickler.TensorRef;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Reading flat storages as float32 and cutting tensors out of them. */
final class Storages {

  /** Bytes decoded at a time: storages stream through this, never through a byte[] copy. */
  private static final int CHUNK_BYTES = 1 << 16;

  private Storages() {}

  /** The number of elements of a shape, refusing what a Java array cannot hold. */
  static int elementCount(long[] shape, String what) {
    long count = 1;
    for (long size : shape) {
      if (size < 0) {
        throw new CheckpointFormatException(
            what + " has a negative size in its shape " + Arrays.toString(shape));
      }
      if (size != 0 && count > Integer.MAX_VALUE / size) {
        throw tooLarge(what, "shape " + Arrays.toString(shape));
      }
      count *= size;
    }
    return (int) count;
  }

  /** The bytes {@code numel} elements take, refusing sizes no file holds. */
  static long byteCount(long numel, DType dtype, String what) {
    try {
      return Math.multiplyExact(numel, dtype.size);
    } catch (ArithmeticException e) {
      throw new CheckpointFormatException(
          what + " declares " + numel + " elements, more than a file holds", e);
    }
  }

  private static CheckpointFormatException tooLarge(String what, String size) {
    return new CheckpointFormatException(
        what
            + " has "
            + size
            + ", more than the "
            + Integer.MAX_VALUE
            + " elements a Java array holds");
  }

  /**
   * Reads {@code numel} elements of {@code dtype} from {@code in} as float32.
   *
   * @param what the storage or tensor, for messages
   */
  static float[] read(InputStream in, DType dtype, long numel, ByteOrder order, String what)
      throws IOException {
    if (numel > Integer.MAX_VALUE) {
      throw tooLarge(what, numel + " elements");
    }
    float[] values = new float[(int) numel];
    byte[] chunk = new byte[CHUNK_BYTES];
    int done = 0;
    while (done < values.length) {
      int count = Math.min(values.length - done, CHUNK_BYTES / dtype.size);
      int bytes = count * dtype.size;
      int read = in.readNBytes(chunk, 0, bytes);
      if (read < bytes) {
        throw new CheckpointFormatException(
            what
                + " ends after "
                + ((long) done * dtype.size + read)
                + " of its "
                + numel * dtype.size
                + " bytes: the file is truncated");
      }
      dtype.decode(ByteBuffer.wrap(chunk, 0, bytes).order(order), values, done, count);
      done += count;
    }
    return values;
  }

  /** Skips a storage that holds no weights (an int64 buffer). */
  static void skip(InputStream in, long bytes, String what) throws IOException {
    try {
      in.skipNBytes(bytes);
    } catch (EOFException e) {
      throw new CheckpointFormatException(
          what + " ends before its " + bytes + " bytes: the file is truncated", e);
    }
  }

  /**
   * Cuts a tensor out of its storage: the storage itself when the tensor is all of it in row-major
   * order (the common case, no copy), a copied range when it is a contiguous part, and a gather
   * along the strides otherwise (a transposed view saved as is).
   *
   * @param what the tensor, for messages
   */
  static Tensor view(TensorRef tensor, float[] storage, String what) {
    long[] shape = tensor.shape();
    long[] stride = tensor.stride();
    int count = elementCount(shape, what);
    if (count == 0) {
      return new Tensor(shape, new float[0]);
    }
    long offset = tensor.offset();
    long last = lastElement(offset, shape, stride, what);
    if (offset < 0 || last >= storage.length) {
      throw new CheckpointFormatException(
          what
              + " reaches element "
              + last
              + " of a storage of "
              + storage.length
              + " elements (offset "
              + offset
              + ", shape "
              + Arrays.toString(shape)
              + ", stride "
              + Arrays.toString(stride)
              + "): the checkpoint is damaged");
    }
    if (isRowMajor(shape, stride)) {
      if (offset == 0 && count == storage.length) {
        return new Tensor(shape, storage);
      }
      return new Tensor(shape, Arrays.copyOfRange(storage, (int) offset, (int) offset + count));
    }
    return new Tensor(shape, gather(storage, offset, shape, stride, count));
  }

  private static long lastElement(long offset, long[] shape, long[] stride, String what) {
    long last = offset;
    for (int d = 0; d < shape.length; d++) {
      if (stride[d] < 0) {
        throw new CheckpointFormatException(
            what + " has a negative stride " + Arrays.toString(stride));
      }
      try {
        last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
    return last;
  }

  private static boolean isRowMajor(long[] shape, long[] stride) {
    long expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      // A dimension of size 1 is never stepped along, so its stride does not matter.
      if (shape[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  private static float[] gather(
      float[] storage, long offset, long[] shape, long[] stride, int count) {
    float[] values = new float[count];
    long[] index = new long[shape.length];
    long position = offset;
    for (int i = 0; i < count; i++) {
      values[i] = storage[(int) position];
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          position += stride[d];
          break;
        }
        position -= (shape[d] - 1) * stride[d];
        index[d] = 0;
      }
    }
    return values;
  }
}
