package dev.translation.engine.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.Arrays;

/**
 * Feeds a {@link PieceBatch} to the TorchScript module's {@code translate} method (the search loop
 * runs inside TorchScript, so one model call decodes a whole batch) and returns the output piece
 * ids per sentence, cut at the first end-of-sentence.
 */
final class PieceBatchTranslator implements NoBatchifyTranslator<PieceBatch, int[][]> {

  /**
   * DJL routes an input whose name starts with this prefix to the named scripted method, here the
   * module's {@code translate}: the whole decoding loop (beam search with cached keys and values,
   * greedy at beam 1, length penalty, stopping) runs inside it, in one call per batch. It is
   * defined in {@code model-training/src/main/python/transformer_with_beam_search.py}.
   */
  private static final String METHOD = "module_method:translate";

  private final int eosId;

  PieceBatchTranslator(int eosId) {
    this.eosId = eosId;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, PieceBatch batch) {
    NDManager manager = ctx.getNDManager();
    NDArray method = manager.create(0L);
    method.setName(METHOD);
    return new NDList(
        method,
        manager.create(batch.source()),
        manager.create((long) batch.beamSize()),
        manager.create((long) batch.maxOutputLength()),
        manager.create(batch.lengthPenalty()));
  }

  @Override
  public int[][] processOutput(TranslatorContext ctx, NDList output) {
    NDArray tokens = output.get(0);
    long[] shape = tokens.getShape().getShape();
    long[] flat = tokens.toLongArray();
    int rows = (int) shape[0];
    int columns = (int) shape[1];
    int[][] result = new int[rows][];
    for (int row = 0; row < rows; row++) {
      int[] ids = new int[columns];
      int length = 0;
      for (int column = 0; column < columns; column++) {
        int id = (int) flat[row * columns + column];
        if (id == eosId) {
          break;
        }
        ids[length++] = id;
      }
      result[row] = Arrays.copyOf(ids, length);
    }
    return result;
  }
}
