package dev.translation.engine.cli;

import dev.translation.engine.corpus.SentencePair;
import dev.translation.engine.corpus.TsvCorpusReader;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.EngineOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        "%d sentences from %s, %d cores%n%-6s %-6s %10s %14s %12s %12s%n",
        sources.size(),
        sentences,
        Runtime.getRuntime().availableProcessors(),
        "beam",
        "batch",
        "sent/s",
        "tgt tokens/s",
        "libtorch %",
        "engine %");
    for (int beam : beams) {
      for (int batch : batchSizes) {
        EngineOptions options =
            EngineOptions.defaults().withMaxBatchSentences(batch).withRecordModelTime(true);
        try (TranslationEngine engine = TranslationEngine.open(bundle, options)) {
          DecodeOptions decode = DecodeOptions.beam(beam);
          engine.translate(sources.subList(0, Math.min(batch, sources.size())), decode); // warm-up
          long modelBefore = engine.modelTimeMicros();
          long start = System.nanoTime();
          long targetTokens = 0;
          for (int from = 0; from < sources.size(); from += batch) {
            for (Translation translation :
                engine.translate(
                    sources.subList(from, Math.min(sources.size(), from + batch)), decode)) {
              targetTokens += translation.targetTokens();
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          double modelSeconds = (engine.modelTimeMicros() - modelBefore) / 1e6;
          System.out.printf(
              Locale.ROOT,
              "%-6d %-6d %10.1f %14.1f %11.1f%% %11.1f%%%n",
              beam,
              batch,
              sources.size() / seconds,
              targetTokens / seconds,
              100 * modelSeconds / seconds,
              100 * (seconds - modelSeconds) / seconds);
        }
      }
    }
    System.out.println("peak resident memory: " + peakResidentMemory());
    return 0;
  }

  /** VmHWM of this process: the most physical memory it has held at once. */
  private static String peakResidentMemory() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown (no /proc)";
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        long kib = Long.parseLong(line.replaceAll("\\D", ""));
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
      }
    }
    return "unknown";
  }
}
