package dev.translation.training.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Adam whose moment estimates can be written to and read from a checkpoint, so a resumed run
 * continues exactly where it stopped instead of restarting the moments from zero (which makes the
 * first steps after a resume several times too large). Uses libtorch's fused Adam update through
 * DJL.
 */
final class ResumableAdam implements AutoCloseable {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.98f;
  private static final float EPSILON = 1e-9f;

  private final NDManager manager;
  private final NDList means;
  private final NDList variances;

  ResumableAdam(NDManager parent, List<NDArray> weights) {
    manager = parent.newSubManager();
    means = new NDList(weights.size());
    variances = new NDList(weights.size());
    for (NDArray weight : weights) {
      means.add(manager.zeros(weight.getShape(), weight.getDataType()));
      variances.add(manager.zeros(weight.getShape(), weight.getDataType()));
    }
  }

  /**
   * Applies one update to every weight.
   *
   * @param step 1-based step number, for bias correction
   * @param gradientScale factor applied to every gradient first (global-norm clipping)
   */
  void update(
      List<NDArray> weights,
      List<NDArray> gradients,
      long step,
      float learningRate,
      float gradientScale) {
    double correction1 = 1.0 - Math.pow(BETA1, step);
    double correction2 = 1.0 - Math.pow(BETA2, step);
    float biasCorrectedRate = (float) (learningRate * Math.sqrt(correction2) / correction1);
    for (int i = 0; i < weights.size(); i++) {
      NDArray weight = weights.get(i);
      weight
          .getNDArrayInternal()
          .adamUpdate(
              new NDList(weight, gradients.get(i), means.get(i), variances.get(i)),
              new NDList(weight),
              learningRate,
              biasCorrectedRate,
              0f,
              gradientScale,
              -1f,
              BETA1,
              BETA2,
              EPSILON,
              true,
              false);
    }
  }

  void save(Path file) throws IOException {
    NDList state = new NDList(means.size() * 2);
    state.addAll(means);
    state.addAll(variances);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(state.encode());
    }
  }

  void load(Path file) throws IOException {
    NDList state;
    try (InputStream in = Files.newInputStream(file)) {
      state = NDList.decode(manager, in.readAllBytes());
    }
    if (state.size() != means.size() * 2) {
      throw new IOException(
          "Optimizer state in " + file + " does not match the model's parameter count");
    }
    for (int i = 0; i < means.size(); i++) {
      means.get(i).set(state.get(i).toByteBuffer());
      variances.get(i).set(state.get(means.size() + i).toByteBuffer());
    }
    state.close();
  }

  @Override
  public void close() {
    manager.close();
  }
}
