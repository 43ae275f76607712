package dev.translation.engine.inference;

/**
 * Limits of one engine instance.
 *
 * @param maxTextChars longest text accepted in one call; longer ones are rejected, not cut
 * @param maxBatchSentences most sentences decoded in one model call
 * @param maxBatchTokens most source pieces (sentences x longest sentence) in one model call, so a
 *     batch of long sentences does not exhaust memory
 * @param recordModelTime whether to keep the time spent inside libtorch (for benchmarks)
 */
public record EngineOptions(
    int maxTextChars, int maxBatchSentences, int maxBatchTokens, boolean recordModelTime) {

  public EngineOptions {
    if (maxTextChars < 1 || maxBatchSentences < 1 || maxBatchTokens < 1) {
      throw new IllegalArgumentException("engine limits must be positive");
    }
  }

  /** 20,000 characters per text, batches of up to 64 sentences or 8,192 source pieces. */
  public static EngineOptions defaults() {
    return new EngineOptions(20_000, 64, 8_192, false);
  }

  public EngineOptions withMaxBatchSentences(int sentences) {
    return new EngineOptions(maxTextChars, sentences, maxBatchTokens, recordModelTime);
  }

  public EngineOptions withRecordModelTime(boolean record) {
    return new EngineOptions(maxTextChars, maxBatchSentences, maxBatchTokens, record);
  }
}
