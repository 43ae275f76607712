package dev.translation.launcher.modeljobs;

import dev.translation.engine.bundle.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The quality gate: a candidate passes when, on every gating test set, its chrF is at most {@code
 * margin} points below the reference version's (the active one), both decoded alike in the same
 * job.
 *
 * @param passed whether the candidate passed
 * @param findings one line per test set, with both scores
 */
record Gate(boolean passed, List<String> findings) {

  static Gate judge(
      List<ModelManifest.Metric> candidate,
      List<ModelManifest.Metric> reference,
      List<String> testSets,
      double margin) {
    boolean passed = true;
    List<String> findings = new ArrayList<>();
    for (String testSet : testSets) {
      Optional<ModelManifest.Metric> mine = find(candidate, testSet);
      Optional<ModelManifest.Metric> theirs = find(reference, testSet);
      if (mine.isEmpty() || theirs.isEmpty()) {
        passed = false;
        findings.add(testSet + ": not scored for both versions");
        continue;
      }
      double difference = mine.get().chrf() - theirs.get().chrf();
      boolean ok = difference >= -margin;
      passed &= ok;
      findings.add(
          String.format(
              Locale.ROOT,
              "%s: chrF %.2f against %.2f (%+.2f, %s the margin of %.2f)",
              testSet,
              mine.get().chrf(),
              theirs.get().chrf(),
              difference,
              ok ? "within" : "beyond",
              margin));
    }
    return new Gate(passed, List.copyOf(findings));
  }

  private static Optional<ModelManifest.Metric> find(
      List<ModelManifest.Metric> metrics, String testSet) {
    return metrics.stream()
        .filter(metric -> metric.testSet().equals(testSet))
        .filter(metric -> metric.system().startsWith("model"))
        .findFirst();
  }

  /** The findings in one sentence. */
  String summary() {
    return String.join("; ", findings);
  }
}
