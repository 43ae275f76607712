package dev.translation.engine.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import dev.translation.engine.InvalidInputException;
import dev.translation.engine.ModelUnavailableException;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.bundle.TorchScriptModule;
import dev.translation.engine.text.ModelTokenizer;
import dev.translation.engine.text.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Translates texts with one loaded model bundle.
 *
 * <p>Thread-safe the DJL way: the model is loaded once, and each call borrows a {@link Predictor}
 * of its own from a pool (predictors are not thread-safe), so concurrent callers never share one.
 *
 * <p>Each text is cleaned, split into lines and sentences, and each sentence into chunks of at most
 * {@code maxSourceTokens} pieces. The chunks of all texts in a call are deduplicated, sorted by
 * length and decoded in batches of similar length (little padding), then reassembled in input
 * order. Decoding is deterministic: the same input always gives the same output.
 */
public final class TranslationEngine implements AutoCloseable {

  private final ModelManifest manifest;
  private final EngineOptions options;
  private final ModelTokenizer tokenizer;
  private final Model model;
  private final ConcurrentLinkedDeque<Predictor<PieceBatch, int[][]>> idlePredictors =
      new ConcurrentLinkedDeque<>();
  private final List<Predictor<PieceBatch, int[][]>> allPredictors = new ArrayList<>();
  private final List<Metrics> predictorMetrics = new ArrayList<>();
  private volatile boolean closed;

  private TranslationEngine(ModelBundle bundle, EngineOptions options) {
    this.manifest = bundle.manifest();
    this.options = options;
    this.tokenizer = ModelTokenizer.open(bundle);
    Model loaded = null;
    try {
      loaded = TorchScriptModule.load(bundle.modulePath(), manifest.id(), false);
      TorchScriptModule.selectLengthNormalisation(loaded, manifest);
      if (options.threadsPerCall() > 0) {
        JniUtils.setNumThreads(options.threadsPerCall());
      }
    } catch (RuntimeException e) {
      if (loaded != null) {
        loaded.close();
      }
      tokenizer.close();
      throw e;
    }
    this.model = loaded;
  }

  /** Opens and verifies the bundle in {@code bundleDirectory}, then loads it. */
  public static TranslationEngine open(Path bundleDirectory, EngineOptions options) {
    return new TranslationEngine(ModelBundle.open(bundleDirectory), options);
  }

  /** Opens the bundle with default limits. */
  public static TranslationEngine open(Path bundleDirectory) {
    return open(bundleDirectory, EngineOptions.defaults());
  }

  public ModelManifest manifest() {
    return manifest;
  }

  public EngineOptions options() {
    return options;
  }

  /** Translates one text. */
  public Translation translate(String text, DecodeOptions decode) {
    return translate(List.of(text), decode).getFirst();
  }

  /**
   * Translates texts, returning one translation per text in the same order.
   *
   * @throws InvalidInputException if a text is null or longer than {@code maxTextChars}; nothing is
   *     translated then
   */
  public List<Translation> translate(List<String> texts, DecodeOptions decode) {
    Objects.requireNonNull(decode, "decode options");
    if (closed) {
      throw new ModelUnavailableException("Engine for " + manifest.id() + " is closed");
    }
    List<List<List<int[]>>> pieces = new ArrayList<>(texts.size());
    Map<PieceKey, Integer> unitIndex = new HashMap<>();
    List<int[]> units = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new InvalidInputException("Text " + i + " is null");
      }
      if (text.length() > options.maxTextChars()) {
        throw new InvalidInputException(
            "Text "
                + i
                + " has "
                + text.length()
                + " characters; at most "
                + options.maxTextChars()
                + " are allowed in one text (split the document into smaller parts)");
      }
      List<List<int[]>> lines = new ArrayList<>();
      for (List<String> line : SourceText.sentencesByLine(SourceText.clean(text))) {
        List<int[]> chunks = new ArrayList<>();
        for (String sentence : line) {
          for (int[] chunk : chunk(tokenizer.encode(sentence))) {
            unitIndex.computeIfAbsent(
                new PieceKey(chunk),
                key -> {
                  units.add(key.ids());
                  return units.size() - 1;
                });
            chunks.add(chunk);
          }
        }
        lines.add(chunks);
      }
      pieces.add(lines);
    }

    int[][] outputs = decodeAll(units, decode);

    List<Translation> translations = new ArrayList<>(texts.size());
    for (List<List<int[]>> lines : pieces) {
      List<List<String>> translatedLines = new ArrayList<>(lines.size());
      int sourceTokens = 0;
      int targetTokens = 0;
      for (List<int[]> chunks : lines) {
        List<String> translated = new ArrayList<>(chunks.size());
        for (int[] chunk : chunks) {
          int[] output = outputs[unitIndex.get(new PieceKey(chunk))];
          sourceTokens += chunk.length;
          targetTokens += output.length;
          translated.add(tokenizer.decode(output));
        }
        translatedLines.add(translated);
      }
      translations.add(
          new Translation(
              SourceText.join(translatedLines), manifest.id(), sourceTokens, targetTokens));
    }
    return translations;
  }

  /** Splits a sentence longer than the model's input limit into consecutive chunks. */
  private List<int[]> chunk(int[] ids) {
    int limit = manifest.maxSourceTokens() - 1; // room for eos
    if (ids.length == 0) {
      return List.of();
    }
    if (ids.length <= limit) {
      return List.of(ids);
    }
    List<int[]> chunks = new ArrayList<>();
    for (int start = 0; start < ids.length; start += limit) {
      chunks.add(Arrays.copyOfRange(ids, start, Math.min(ids.length, start + limit)));
    }
    return chunks;
  }

  private int[][] decodeAll(List<int[]> units, DecodeOptions decode) {
    ModelManifest.Generation generation = manifest.decoding();
    int[][] outputs = new int[units.size()][];
    Integer[] order = new Integer[units.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Length-sorted batches keep padding (wasted compute) small.
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> units.get(i).length));
    int start = 0;
    while (start < order.length) {
      int end = start;
      int longest = 0;
      while (end < order.length && end - start < options.maxBatchSentences()) {
        int length = units.get(order[end]).length + 1;
        int candidateLongest = Math.max(longest, length);
        if (end > start && candidateLongest * (end - start + 1) > options.maxBatchTokens()) {
          break;
        }
        longest = candidateLongest;
        end++;
      }
      long[][] source = new long[end - start][longest];
      for (int row = 0; row < end - start; row++) {
        int[] ids = units.get(order[start + row]);
        for (int column = 0; column < ids.length; column++) {
          source[row][column] = ids[column];
        }
        source[row][ids.length] = manifest.tokens().eos();
        Arrays.fill(source[row], ids.length + 1, longest, manifest.tokens().pad());
      }
      int maxOutput = generation.outputCap(longest, manifest.maxTargetTokens());
      double lengthPenalty =
          decode.lengthPenalty() != null ? decode.lengthPenalty() : generation.lengthPenalty();
      int[][] decoded =
          predict(new PieceBatch(source, decode.beamSize(), maxOutput, lengthPenalty));
      for (int row = 0; row < decoded.length; row++) {
        outputs[order[start + row]] = decoded[row];
      }
      start = end;
    }
    return outputs;
  }

  private int[][] predict(PieceBatch batch) {
    Predictor<PieceBatch, int[][]> predictor = idlePredictors.pollFirst();
    if (predictor == null) {
      predictor = newPredictor();
    }
    try {
      return predictor.predict(batch);
    } catch (TranslateException | RuntimeException e) {
      throw new ModelUnavailableException("Model " + manifest.id() + " failed to decode", e);
    } finally {
      idlePredictors.addFirst(predictor);
    }
  }

  private synchronized Predictor<PieceBatch, int[][]> newPredictor() {
    Predictor<PieceBatch, int[][]> predictor =
        model.newPredictor(new PieceBatchTranslator(manifest.tokens().eos()));
    if (options.recordModelTime()) {
      Metrics metrics = new Metrics();
      predictor.setMetrics(metrics);
      predictorMetrics.add(metrics);
    }
    allPredictors.add(predictor);
    return predictor;
  }

  /**
   * Microseconds spent inside the model call (libtorch) since the engine was opened, summed over
   * all predictors; 0 unless {@link EngineOptions#recordModelTime()} is on.
   */
  public synchronized long modelTimeMicros() {
    long total = 0;
    for (Metrics metrics : predictorMetrics) {
      if (metrics.hasMetric("Inference")) {
        for (Metric metric : metrics.getMetric("Inference")) {
          total += metric.getValue().longValue();
        }
      }
    }
    return total;
  }

  @Override
  public synchronized void close() {
    closed = true;
    allPredictors.forEach(Predictor::close);
    allPredictors.clear();
    idlePredictors.clear();
    model.close();
    tokenizer.close();
  }

  /** Value-equality wrapper so identical chunks are decoded once per call. */
  private record PieceKey(int[] ids) {
    @Override
    public boolean equals(Object other) {
      return other instanceof PieceKey key && Arrays.equals(ids, key.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }
  }
}
