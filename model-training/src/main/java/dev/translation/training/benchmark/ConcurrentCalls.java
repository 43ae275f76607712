package dev.translation.training.benchmark;

import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs engine calls from several threads at once, as a worker's consumer threads do, each thread
 * taking the next call when its last one is done.
 */
public final class ConcurrentCalls {

  /**
   * What a set of calls produced.
   *
   * @param targetTokens target tokens of all translations
   * @param callSeconds time spent inside the calls, summed over the callers (excludes a caller
   *     waiting for the others to finish)
   */
  public record Totals(long targetTokens, double callSeconds) {}

  private ConcurrentCalls() {}

  /** {@code texts} cut into consecutive calls of at most {@code size} texts. */
  public static List<List<String>> split(List<String> texts, int size) {
    List<List<String>> calls = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += size) {
      calls.add(texts.subList(from, Math.min(texts.size(), from + size)));
    }
    return calls;
  }

  /** Runs {@code calls} on {@code callers} threads and returns once all are done. */
  public static Totals run(
      TranslationEngine engine, List<List<String>> calls, DecodeOptions decode, int callers)
      throws InterruptedException, ExecutionException {
    try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
      List<Future<Totals>> results = new ArrayList<>();
      for (List<String> call : calls) {
        results.add(
            threads.submit(
                () -> {
                  long start = System.nanoTime();
                  long tokens =
                      engine.translate(call, decode).stream()
                          .mapToLong(Translation::targetTokens)
                          .sum();
                  return new Totals(tokens, (System.nanoTime() - start) / 1e9);
                }));
      }
      long tokens = 0;
      double seconds = 0;
      for (Future<Totals> result : results) {
        tokens += result.get().targetTokens();
        seconds += result.get().callSeconds();
      }
      return new Totals(tokens, seconds);
    }
  }
}
