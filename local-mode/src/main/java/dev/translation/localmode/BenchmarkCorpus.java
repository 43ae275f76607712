package dev.translation.localmode;

import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Texts for the pipeline benchmarks, as many as a run asks for, made from a test set's German
 * sentences: the sentences once, then numbered copies of them. Numbered so that the translation
 * memory cannot answer a repeat, and the pipeline has to decode what the engine alone decodes.
 */
final class BenchmarkCorpus {

  private BenchmarkCorpus() {}

  /** The German side of a German-TAB-English test set, in its order, repeats included. */
  static List<String> sources(Path testSet) throws IOException {
    List<String> sources = new ArrayList<>();
    for (SentencePair pair : TsvCorpusReader.read(testSet)) {
      sources.add(pair.source());
    }
    return sources;
  }

  /**
   * {@code bin/benchmark-pipeline}'s texts: the sources, then copies with {@code " (n)"} appended.
   * Not all of them are distinct for the worker: the test set repeats some sentences, and after a
   * full stop the number is a sentence of its own, so the sentence before it repeats in every copy
   * and the worker's translation memory serves those. Kept as they are, so that that benchmark's
   * numbers stay comparable with its earlier runs; {@link #distinctLines} has none of this.
   */
  static List<String> suffixedCopies(List<String> sources, int count) {
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String sentence = sources.get(i % sources.size());
      texts.add(i < sources.size() ? sentence : sentence + " (" + (i / sources.size()) + ")");
    }
    return texts;
  }

  /**
   * Lines {@code from} to {@code from + count} of an endless sequence of distinct lines: each
   * distinct source once, then copies with {@code "(n) "} in front. In front, because the number
   * then belongs to the line's first sentence instead of becoming a sentence of its own, so every
   * segment is new to the translation memory apart from the later sentences of the few sources that
   * have more than one. Consecutive ranges share no line, so one run can use several.
   */
  static List<String> distinctLines(List<String> sources, int from, int count) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(sources));
    List<String> lines = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      String sentence = distinct.get(i % distinct.size());
      int copy = i / distinct.size();
      lines.add(copy == 0 ? sentence : "(" + copy + ") " + sentence);
    }
    return lines;
  }
}
