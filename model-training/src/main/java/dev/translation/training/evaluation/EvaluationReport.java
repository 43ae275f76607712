package dev.translation.training.evaluation;

import java.util.Locale;

/**
 * Scores of one system on one test set.
 *
 * @param testSetName which test set was translated, for reports and logs
 * @param sentences how many sentences were scored
 * @param bleu sacreBLEU-compatible corpus BLEU, 0 to 100
 * @param chrf sacreBLEU-compatible corpus chrF, 0 to 100
 */
public record EvaluationReport(String testSetName, int sentences, double bleu, double chrf) {

  /** One line such as {@code ding-test: 1250 sentences, BLEU 12.34, chrF 45.67}. */
  public String summary() {
    // Locale.ROOT: a decimal comma would make logs and reports inconsistent between machines.
    return String.format(
        Locale.ROOT, "%s: %d sentences, BLEU %.2f, chrF %.2f", testSetName, sentences, bleu, chrf);
  }
}
