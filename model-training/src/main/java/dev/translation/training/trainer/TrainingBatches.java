package dev.translation.training.trainer;

import dev.translation.engine.text.SubwordTokenizer;
import dev.translation.training.corpus.SentencePair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Parallel data encoded into pieces and grouped into batches of similar length. The batch list is a
 * pure function of the data and options, and each epoch's order a pure function of the seed and
 * epoch number, so "epoch e, batch b" is a position a resumed run can return to.
 */
final class TrainingBatches {

  /** One encoded pair: source ending in eos; target input starting with bos; output with eos. */
  record Example(int[] source, int[] targetIn, int[] targetOut) {}

  /** A batch of examples, padded into rectangles when turned into tensors. */
  record Batch(List<Example> examples, int sourceLength, int targetLength) {
    long targetTokens() {
      long tokens = 0;
      for (Example example : examples) {
        tokens += example.targetOut().length;
      }
      return tokens;
    }
  }

  private final List<Batch> batches;
  private final long seed;
  private final int examples;
  private final int skipped;

  private TrainingBatches(List<Batch> batches, long seed, int examples, int skipped) {
    this.batches = batches;
    this.seed = seed;
    this.examples = examples;
    this.skipped = skipped;
  }

  static TrainingBatches of(
      List<SentencePair> pairs,
      SubwordTokenizer tokenizer,
      int bos,
      int eos,
      int maxTokens,
      int batchTokens,
      int sentenceWeight,
      long seed) {
    List<Example> encoded = new ArrayList<>(pairs.size());
    List<Example> sentences = new ArrayList<>();
    int skipped = 0;
    for (SentencePair pair : pairs) {
      int[] source = tokenizer.encode(pair.source());
      int[] target = tokenizer.encode(pair.target());
      if (source.length == 0
          || target.length == 0
          || source.length + 1 > maxTokens
          || target.length + 1 > maxTokens) {
        skipped++;
        continue;
      }
      int[] sourceWithEos = new int[source.length + 1];
      System.arraycopy(source, 0, sourceWithEos, 0, source.length);
      sourceWithEos[source.length] = eos;
      int[] targetIn = new int[target.length + 1];
      targetIn[0] = bos;
      System.arraycopy(target, 0, targetIn, 1, target.length);
      int[] targetOut = new int[target.length + 1];
      System.arraycopy(target, 0, targetOut, 0, target.length);
      targetOut[target.length] = eos;
      Example example = new Example(sourceWithEos, targetIn, targetOut);
      encoded.add(example);
      if (pair.isFullSentence()) {
        sentences.add(example);
      }
    }
    // Extra copies go in whole rounds after the originals, and the sort below is stable, so
    // copies of one pair sit a round apart within their length group: they land in different
    // batches and weigh as separate updates rather than as one update counted several times.
    for (int copy = 1; copy < sentenceWeight; copy++) {
      encoded.addAll(sentences);
    }
    encoded.sort(
        Comparator.comparingInt((Example e) -> e.source().length)
            .thenComparingInt(e -> e.targetOut().length));
    List<Batch> batches = new ArrayList<>();
    List<Example> current = new ArrayList<>();
    int sourceLength = 0;
    int targetLength = 0;
    for (Example example : encoded) {
      int nextSource = Math.max(sourceLength, example.source().length);
      int nextTarget = Math.max(targetLength, example.targetOut().length);
      if (!current.isEmpty()
          && (current.size() + 1) * Math.max(nextSource, nextTarget) > batchTokens) {
        batches.add(new Batch(List.copyOf(current), sourceLength, targetLength));
        current.clear();
        nextSource = example.source().length;
        nextTarget = example.targetOut().length;
      }
      current.add(example);
      sourceLength = nextSource;
      targetLength = nextTarget;
    }
    if (!current.isEmpty()) {
      batches.add(new Batch(List.copyOf(current), sourceLength, targetLength));
    }
    return new TrainingBatches(List.copyOf(batches), seed, encoded.size(), skipped);
  }

  /** Batches of an epoch in that epoch's (deterministic) shuffled order. */
  List<Batch> epoch(long epoch) {
    List<Batch> order = new ArrayList<>(batches);
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
  }

  /** Batches in their length order, for evaluation. */
  List<Batch> inOrder() {
    return batches;
  }

  int size() {
    return batches.size();
  }

  int examples() {
    return examples;
  }

  int skipped() {
    return skipped;
  }
}
