package dev.translation.training.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Corpus BLEU exactly as sacreBLEU 2.x computes it by default ({@code BLEU()} with {@code
 * tokenize='13a'}, {@code smooth_method='exp'}, case-sensitive, n-grams up to 4, one reference), so
 * scores are comparable with published numbers and with Python tooling.
 *
 * <p>Each segment is right-stripped and tokenised with the mteval-v13a rules, n-gram matches are
 * clipped by the reference counts, and the statistics are summed over the corpus before a single
 * score is computed. With 'exp' smoothing (the NIST method), the k-th n-gram order without any
 * match gets precision {@code 1 / (2^k * total)} instead of zero. Two sacreBLEU quirks are kept on
 * purpose: a corpus without a single matching unigram scores 0, and an order with no hypothesis
 * n-grams at all (every hypothesis shorter than that order) also drives the score to 0.
 */
public final class Bleu {

  /** Highest n-gram order counted. */
  static final int MAX_ORDER = 4;

  /** sacreBLEU's {@code my_log(0)}: a floor instead of negative infinity. */
  private static final double LOG_OF_ZERO = -9999999999.0;

  /** The mteval-v13a regular expressions, applied in this order as in sacreBLEU. */
  private static final List<Rule> RULES =
      List.of(
          // Most ASCII punctuation and symbols become separate tokens.
          new Rule("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])", " $1 "),
          // Period and comma split off unless preceded by a digit...
          new Rule("([^0-9])([\\.,])", "$1 $2 "),
          // ...or unless followed by a digit, so "3.5" and "1,000" stay whole.
          new Rule("([\\.,])([^0-9])", " $1 $2"),
          // A dash after a digit splits off, as in "1990-2000".
          new Rule("([0-9])(-)", "$1 $2 "));

  private Bleu() {}

  /**
   * Scores hypotheses against one reference each.
   *
   * @return BLEU between 0 and 100
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static double corpusScore(List<String> hypotheses, List<String> references) {
    requireParallel(hypotheses, references);
    long hypothesisLength = 0;
    long referenceLength = 0;
    long[] correct = new long[MAX_ORDER];
    long[] total = new long[MAX_ORDER];
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> hypothesis = PythonText.split(tokenize13a(PythonText.rstrip(hypotheses.get(i))));
      List<String> reference = PythonText.split(tokenize13a(PythonText.rstrip(references.get(i))));
      hypothesisLength += hypothesis.size();
      referenceLength += reference.size();
      for (int n = 1; n <= MAX_ORDER; n++) {
        Map<String, Integer> referenceCounts = ngramCounts(reference, n);
        for (Map.Entry<String, Integer> ngram : ngramCounts(hypothesis, n).entrySet()) {
          total[n - 1] += ngram.getValue();
          correct[n - 1] +=
              Math.min(ngram.getValue(), referenceCounts.getOrDefault(ngram.getKey(), 0));
        }
      }
    }
    return fromStatistics(correct, total, hypothesisLength, referenceLength);
  }

  /**
   * sacreBLEU's {@code BLEU.compute_bleu} with {@code smooth_method='exp'} and {@code
   * effective_order=False}, step by step, so that even floating-point rounding matches.
   */
  static double fromStatistics(
      long[] correct, long[] total, long hypothesisLength, long referenceLength) {
    double brevityPenalty = 1.0;
    if (hypothesisLength < referenceLength) {
      brevityPenalty =
          hypothesisLength > 0 ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0;
    }
    boolean anyMatch = false;
    for (long count : correct) {
      anyMatch |= count != 0;
    }
    if (!anyMatch) {
      return 0.0;
    }
    double[] precisions = new double[MAX_ORDER];
    double smoothing = 1.0;
    for (int n = 1; n <= MAX_ORDER; n++) {
      if (total[n - 1] == 0) {
        // The remaining precisions stay 0 and floor the logarithm below.
        break;
      }
      if (correct[n - 1] == 0) {
        smoothing *= 2;
        precisions[n - 1] = 100.0 / (smoothing * total[n - 1]);
      } else {
        precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
      }
    }
    double logSum = 0.0;
    for (double precision : precisions) {
      logSum += precision == 0.0 ? LOG_OF_ZERO : Math.log(precision);
    }
    return brevityPenalty * Math.exp(logSum / MAX_ORDER);
  }

  /** The mteval-v13a tokenisation of one segment, tokens joined by single spaces. */
  static String tokenize13a(String line) {
    String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
    if (text.indexOf('&') >= 0) {
      text =
          text.replace("&quot;", "\"")
              .replace("&amp;", "&")
              .replace("&lt;", "<")
              .replace("&gt;", ">");
    }
    text = " " + text + " ";
    for (Rule rule : RULES) {
      text = rule.pattern().matcher(text).replaceAll(rule.replacement());
    }
    return String.join(" ", PythonText.split(text));
  }

  private static Map<String, Integer> ngramCounts(List<String> tokens, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + n <= tokens.size(); start++) {
      // Tokens contain no whitespace, so joining with a space keeps n-grams distinct.
      counts.merge(String.join(" ", tokens.subList(start, start + n)), 1, Integer::sum);
    }
    return counts;
  }

  static void requireParallel(List<String> hypotheses, List<String> references) {
    Objects.requireNonNull(hypotheses, "hypotheses");
    Objects.requireNonNull(references, "references");
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          "%d hypotheses but %d references".formatted(hypotheses.size(), references.size()));
    }
    if (hypotheses.isEmpty()) {
      throw new IllegalArgumentException("nothing to score: no hypotheses");
    }
  }

  private record Rule(Pattern pattern, String replacement) {
    Rule(String regex, String replacement) {
      this(Pattern.compile(regex), replacement);
    }
  }
}
