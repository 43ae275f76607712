package dev.translation.training.cli;

import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.EngineOptions;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.training.benchmark.ConcurrentCalls;
import dev.translation.training.benchmark.PeakMemory;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures decoding throughput per batch size and beam, how much of the time is spent inside
 * libtorch (the physical limit) versus in the engine (tokenisation, batching, decode bookkeeping),
 * and the process's peak resident memory.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Prints sentences/s, target tokens/s and engine overhead per batch size and beam.")
final class BenchmarkCommand implements Callable<Integer> {

  @Option(names = "--bundle", required = true, description = "Model bundle directory")
  Path bundle;

  @Option(
      names = "--sentences",
      required = true,
      description = "TSV whose German side is translated")
  Path sentences;

  @Option(
      names = "--limit",
      defaultValue = "256",
      description = "Sentences per measurement (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32,64")
  List<Integer> batchSizes;

  @Option(names = "--beams", split = ",", defaultValue = "1,4")
  List<Integer> beams;

  @Option(
      names = "--callers",
      defaultValue = "1",
      description =
          "Threads calling the engine at once, each with its own batches (default: ${DEFAULT-VALUE})")
  int callers;

  @Option(
      names = "--threads-per-call",
      defaultValue = "0",
      description = "libtorch threads per model call; 0 = one per core (default: ${DEFAULT-VALUE})")
  int threadsPerCall;

  @Override
  public Integer call() throws Exception {
    List<String> sources = new ArrayList<>();
    for (SentencePair pair : TsvCorpusReader.read(sentences)) {
      if (sources.size() == limit) {
        break;
      }
      sources.add(pair.source());
    }
    System.out.printf(
        Locale.ROOT,
        "%d sentences from %s, %d cores, %d caller(s), %s%n%-6s %-6s %10s %14s %12s %12s%n",
        sources.size(),
        sentences,
        Runtime.getRuntime().availableProcessors(),
        callers,
        threadsPerCall == 0
            ? "libtorch's default threads per call"
            : threadsPerCall + " thread(s) per call",
        "beam",
        "batch",
        "sent/s",
        "tgt tokens/s",
        "libtorch %",
        "engine %");
    for (int beam : beams) {
      for (int batch : batchSizes) {
        EngineOptions options =
            EngineOptions.defaults()
                .withMaxBatchSentences(batch)
                .withRecordModelTime(true)
                .withThreadsPerCall(threadsPerCall);
        try (TranslationEngine engine = TranslationEngine.open(bundle, options)) {
          DecodeOptions decode = DecodeOptions.beam(beam);
          List<String> warmUp = sources.subList(0, Math.min(batch, sources.size()));
          ConcurrentCalls.run(engine, Collections.nCopies(callers, warmUp), decode, callers);
          List<List<String>> calls = ConcurrentCalls.split(sources, batch);
          long modelBefore = engine.modelTimeMicros();
          long start = System.nanoTime();
          ConcurrentCalls.Totals totals = ConcurrentCalls.run(engine, calls, decode, callers);
          double seconds = (System.nanoTime() - start) / 1e9;
          double modelSeconds = (engine.modelTimeMicros() - modelBefore) / 1e6;
          // Shares of the time spent inside calls, so a caller waiting for the last call of a
          // measurement does not count as engine overhead.
          System.out.printf(
              Locale.ROOT,
              "%-6d %-6d %10.1f %14.1f %11.1f%% %11.1f%%%n",
              beam,
              batch,
              sources.size() / seconds,
              totals.targetTokens() / seconds,
              100 * modelSeconds / totals.callSeconds(),
              100 * (totals.callSeconds() - modelSeconds) / totals.callSeconds());
        }
      }
    }
    System.out.println(
        "peak resident memory: " + PeakMemory.resident(ProcessHandle.current().pid()));
    return 0;
  }
}
