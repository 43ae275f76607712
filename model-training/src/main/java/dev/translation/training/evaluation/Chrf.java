package dev.translation.training.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus chrF exactly as sacreBLEU 2.x computes it by default ({@code CHRF()}: character n-grams of
 * orders 1 to 6, no word n-grams, beta 2, whitespace removed, case-sensitive, {@code
 * eps_smoothing=False}).
 *
 * <p>For every sentence and order, sacreBLEU counts hypothesis n-grams, reference n-grams and
 * clipped matches; a hypothesis's n-grams are not counted for an order at which the reference has
 * none. These statistics are summed over the corpus. The score is then <em>not</em> the mean of
 * per-order F-scores: precision and recall are each averaged over the "effective" orders (those
 * with both hypothesis and reference n-grams in the corpus totals), and a single F-beta is computed
 * from the two averages. Characters are Unicode code points, as in Python strings.
 */
public final class Chrf {

  /** Highest character n-gram order. */
  static final int CHAR_ORDER = 6;

  /** beta squared: recall counts twice as much as precision. */
  private static final int BETA_SQUARED = 2 * 2;

  private Chrf() {}

  /**
   * Scores hypotheses against one reference each.
   *
   * @return chrF between 0 and 100
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static double corpusScore(List<String> hypotheses, List<String> references) {
    Bleu.requireParallel(hypotheses, references);
    // Per order n (1-based): [3(n-1)] hypothesis n-grams, [3(n-1)+1] reference n-grams,
    // [3(n-1)+2] matches -- the layout of sacreBLEU's statistics vector.
    long[] statistics = new long[3 * CHAR_ORDER];
    for (int i = 0; i < hypotheses.size(); i++) {
      int[] hypothesis = PythonText.codePointsWithoutSpaces(hypotheses.get(i));
      int[] reference = PythonText.codePointsWithoutSpaces(references.get(i));
      for (int n = 1; n <= CHAR_ORDER; n++) {
        Map<String, Integer> hypothesisCounts = ngramCounts(hypothesis, n);
        Map<String, Integer> referenceCounts = ngramCounts(reference, n);
        long hypothesisTotal = 0;
        long matches = 0;
        for (Map.Entry<String, Integer> ngram : hypothesisCounts.entrySet()) {
          hypothesisTotal += ngram.getValue();
          matches += Math.min(ngram.getValue(), referenceCounts.getOrDefault(ngram.getKey(), 0));
        }
        long referenceTotal = Math.max(0, reference.length - n + 1);
        statistics[3 * (n - 1)] += referenceCounts.isEmpty() ? 0 : hypothesisTotal;
        statistics[3 * (n - 1) + 1] += referenceTotal;
        statistics[3 * (n - 1) + 2] += matches;
      }
    }
    return fromStatistics(statistics);
  }

  /** sacreBLEU's {@code CHRF._compute_f_score} without eps smoothing, on summed statistics. */
  static double fromStatistics(long[] statistics) {
    double precisionSum = 0.0;
    double recallSum = 0.0;
    int effectiveOrders = 0;
    for (int order = 0; order < CHAR_ORDER; order++) {
      long hypothesisNgrams = statistics[3 * order];
      long referenceNgrams = statistics[3 * order + 1];
      long matches = statistics[3 * order + 2];
      if (hypothesisNgrams > 0 && referenceNgrams > 0) {
        precisionSum += (double) matches / hypothesisNgrams;
        recallSum += (double) matches / referenceNgrams;
        effectiveOrders++;
      }
    }
    if (effectiveOrders == 0) {
      return 0.0;
    }
    double precision = precisionSum / effectiveOrders;
    double recall = recallSum / effectiveOrders;
    if (precision + recall == 0.0) {
      return 0.0;
    }
    double score = (1 + BETA_SQUARED) * precision * recall;
    score /= BETA_SQUARED * precision + recall;
    return 100 * score;
  }

  private static Map<String, Integer> ngramCounts(int[] codePoints, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + n <= codePoints.length; start++) {
      counts.merge(new String(codePoints, start, n), 1, Integer::sum);
    }
    return counts;
  }
}
