package dev.translation.engine.inference;

/**
 * Limits of one engine instance.
 *
 * @param maxTextChars longest text accepted in one call; longer ones are rejected, not cut
 * @param maxBatchSentences most sentences decoded in one model call
 * @param maxBatchTokens most source pieces (sentences x longest sentence) in one model call, so a
 *     batch of long sentences does not exhaust memory
 * @param recordModelTime whether to keep the time spent inside libtorch (for benchmarks)
 * @param threadsPerCall libtorch threads one model call uses, or 0 for libtorch's default (one per
 *     core). libtorch keeps this setting per process, so the engine opened last decides it. One
 *     thread per call, with as many concurrent callers as cores, gives the most throughput: the
 *     calls never wait for each other's threads, and a core taken by another process slows only the
 *     call running on it.
 */
public record EngineOptions(
    int maxTextChars,
    int maxBatchSentences,
    int maxBatchTokens,
    boolean recordModelTime,
    int threadsPerCall) {

  public EngineOptions {
    if (maxTextChars < 1 || maxBatchSentences < 1 || maxBatchTokens < 1) {
      throw new IllegalArgumentException("engine limits must be positive");
    }
    if (threadsPerCall < 0) {
      throw new IllegalArgumentException("threadsPerCall must be 0 (libtorch's default) or more");
    }
  }

  /**
   * 20,000 characters per text, batches of up to 64 sentences or 8,192 source pieces, libtorch's
   * default threads.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(20_000, 64, 8_192, false, 0);
  }

  public EngineOptions withMaxBatchSentences(int sentences) {
    return new EngineOptions(
        maxTextChars, sentences, maxBatchTokens, recordModelTime, threadsPerCall);
  }

  public EngineOptions withRecordModelTime(boolean record) {
    return new EngineOptions(
        maxTextChars, maxBatchSentences, maxBatchTokens, record, threadsPerCall);
  }

  public EngineOptions withThreadsPerCall(int threads) {
    return new EngineOptions(
        maxTextChars, maxBatchSentences, maxBatchTokens, recordModelTime, threads);
  }
}
