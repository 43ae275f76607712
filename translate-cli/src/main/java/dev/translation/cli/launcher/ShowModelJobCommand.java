package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.launcher.api.ModelJob;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description =
        "Shows a model job: status, phase and reason, the request as accepted, training"
            + " progress, and as far as known the scores, the gate's verdict and the rollout.")
final class ShowModelJobCommand extends LauncherSubcommand {

  @Parameters(paramLabel = "ID", description = "The model job's id")
  String id;

  @Option(names = "--json", description = "Print the job as the launcher answered, in JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (json) {
      String body = api().modelJobJson(id);
      out.print(body.endsWith("\n") ? body : body + "\n");
      out.flush();
      return ExitCode.OK;
    }
    ModelJob job = api().modelJob(id);
    field(out, "job", job.id() + " (" + job.kind() + ")");
    field(out, "status", job.status());
    if (!job.finished() && job.phase() != null) {
      field(out, "phase", job.phase());
    }
    if (job.reason() != null && !job.reason().isBlank()) {
      field(out, "reason", job.reason());
    }
    if (job.modelId() != null) {
      field(out, "model", job.modelId());
    }
    field(
        out,
        "request",
        job.request().entrySet().stream()
            .filter(entry -> entry.getValue() != null)
            .map(entry -> entry.getKey() + " " + entry.getValue())
            .collect(Collectors.joining(", ")));
    if (job.progress() != null) {
      field(out, "progress", progress(job.progress()));
    }
    result(out, job.result());
    field(out, "launched", "by " + job.launchedBy() + ", " + job.attempts() + " attempts");
    field(out, "created", time(job.createdAt()));
    field(out, "started", time(job.startedAt()));
    field(out, "finished", time(job.finishedAt()));
    out.flush();
    return ExitCode.OK;
  }

  private static String progress(ModelJob.Progress progress) {
    StringBuilder text = new StringBuilder(ModelJobWatcher.training(progress));
    if (progress.epoch() != null) {
      text.append(", epoch ").append(String.format(Locale.ROOT, "%.2f", progress.epoch()));
    }
    if (progress.devLoss() != null) {
      text.append(", dev loss ").append(String.format(Locale.ROOT, "%.3f", progress.devLoss()));
      if (progress.bestDevLoss() != null) {
        text.append(" (best ")
            .append(String.format(Locale.ROOT, "%.3f", progress.bestDevLoss()))
            .append(')');
      }
    }
    if (progress.elapsedSeconds() != null) {
      text.append(", ")
          .append(ProgressDisplay.eta(Duration.ofSeconds(progress.elapsedSeconds())))
          .append(" elapsed");
    }
    if (progress.resumedFromStep() != null && progress.resumedFromStep() > 0) {
      text.append(", resumed from step ").append(progress.resumedFromStep());
    }
    return text.toString();
  }

  /**
   * What the launcher has recorded of the outcome. It is free-form, so what is not shown here is in
   * {@code --json}.
   */
  private static void result(PrintWriter out, Map<String, Object> result) {
    if (result.get("candidate") instanceof List<?> scores) {
      scores.forEach(score -> field(out, "candidate", metric(score)));
    }
    if (result.get("active") instanceof Map<?, ?> active
        && active.get("scores") instanceof List<?> scores) {
      scores.forEach(score -> field(out, "active", active.get("model") + " " + metric(score)));
    }
    if (result.get("scores") instanceof List<?> scores) {
      for (Object score : scores) {
        if (score instanceof Map<?, ?> s) {
          field(
              out,
              "score",
              s.get("testSet")
                  + ": chrF "
                  + s.get("chrf")
                  + " (base "
                  + s.get("baseChrf")
                  + "), BLEU "
                  + s.get("bleu")
                  + " (base "
                  + s.get("baseBleu")
                  + ")");
        }
      }
    }
    if (result.get("gate") instanceof Map<?, ?> gate) {
      field(out, "gate", Boolean.TRUE.equals(gate.get("passed")) ? "passed" : "refused");
      if (gate.get("findings") instanceof List<?> findings) {
        findings.forEach(finding -> field(out, "", String.valueOf(finding)));
      }
    }
    if (result.get("steps") != null) {
      field(out, "steps", String.valueOf(result.get("steps")));
    }
    if (result.get("corrections") instanceof Map<?, ?> corrections) {
      field(
          out,
          "corrections",
          corrections.entrySet().stream()
              .map(entry -> entry.getKey() + " " + entry.getValue())
              .collect(Collectors.joining(", ")));
    }
    if (result.get("rollout") != null) {
      field(out, "rollout", String.valueOf(result.get("rollout")));
    }
  }

  /** A test set's scores from the result: {@code flores: chrF 51.2, BLEU 22.0 (model beam-4)}. */
  private static String metric(Object score) {
    if (!(score instanceof Map<?, ?> s)) {
      return String.valueOf(score);
    }
    return s.get("testSet")
        + ": chrF "
        + s.get("chrf")
        + ", BLEU "
        + s.get("bleu")
        + (s.get("system") == null ? "" : " (" + s.get("system") + ")");
  }
}
