package dev.translation.training.marian;

import java.util.Arrays;
import java.util.Objects;

/**
 * One weight of a checkpoint: its shape and its values as float32, row-major and contiguous.
 *
 * <p>The arrays are handed over, not copied: weights that share one storage in a PyTorch checkpoint
 * (tied embeddings are saved under several names) may share {@code values}, which keeps a large
 * vocabulary's embedding in memory once. Treat both arrays as read-only.
 *
 * @param shape the size of each dimension, outermost first; empty for a scalar
 * @param values the elements in row-major order, as many as the shape holds
 */
public record Tensor(long[] shape, float[] values) {

  public Tensor {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    long count = 1;
    for (long size : shape) {
      if (size < 0) {
        throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, size);
    }
    if (count != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + count + " values, not " + values.length);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tensor tensor
        && Arrays.equals(shape, tensor.shape)
        && Arrays.equals(values, tensor.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
