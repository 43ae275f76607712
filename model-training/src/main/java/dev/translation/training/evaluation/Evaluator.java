package dev.translation.training.evaluation;

import dev.translation.training.corpus.SentencePair;
import java.util.List;
import java.util.function.Function;

/** Translates a test set with any system and scores the result with BLEU and chrF. */
public final class Evaluator {

  private Evaluator() {}

  /**
   * Calls {@code translator} once with all German sources in test-set order, so batching
   * translators can batch, and scores its output against the English targets.
   *
   * @param name the test set's name, carried into the report
   * @param testSet the pairs to translate; must not be empty
   * @param translator maps the list of sources to one translation per source, in the same order
   * @throws IllegalArgumentException if the test set is empty
   * @throws IllegalStateException if the translator returns null or a list of the wrong size
   */
  public static EvaluationReport evaluate(
      String name, List<SentencePair> testSet, Function<List<String>, List<String>> translator) {
    if (testSet.isEmpty()) {
      throw new IllegalArgumentException("test set " + name + " is empty");
    }
    List<String> sources = testSet.stream().map(SentencePair::source).toList();
    List<String> references = testSet.stream().map(SentencePair::target).toList();
    List<String> hypotheses = translator.apply(sources);
    if (hypotheses == null || hypotheses.size() != sources.size()) {
      throw new IllegalStateException(
          "translator returned %s translations for %d sources of %s"
              .formatted(hypotheses == null ? "no" : hypotheses.size(), sources.size(), name));
    }
    return new EvaluationReport(
        name,
        sources.size(),
        Bleu.corpusScore(hypotheses, references),
        Chrf.corpusScore(hypotheses, references));
  }
}
