package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.launcher.api.ModelVersion;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Shows a registered version: its state, bundle, scores on each test set (beside the"
            + " dictionary baseline's) and lineage.")
final class ShowModelCommand extends LauncherSubcommand {

  @Parameters(paramLabel = "MODEL_ID", description = "name@version, e.g. de-en-starter@4")
  String modelId;

  @Option(names = "--json", description = "Print the version as the launcher answered, in JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (json) {
      String body = api().modelJson(modelId);
      out.print(body.endsWith("\n") ? body : body + "\n");
      out.flush();
      return ExitCode.OK;
    }
    ModelVersion version = api().model(modelId);
    field(out, "model", version.modelId());
    field(out, "languages", version.languages().source() + " -> " + version.languages().target());
    field(
        out,
        "state",
        version.state()
            + (version.canaryPercent() == null
                ? ""
                : " (" + version.canaryPercent() + "% of segments)"));
    field(out, "bundle", version.bundleUri());
    field(out, "files", version.checksums().size() + " with SHA-256 checksums");
    field(
        out,
        "added",
        time(version.registeredAt())
            + (version.launchedBy() == null ? "" : " by " + version.launchedBy()));
    field(out, "changed", time(version.stateChangedAt()));
    for (ModelVersion.Metric metric : version.metrics()) {
      field(
          out,
          "score",
          metric.testSet()
              + ", "
              + metric.system()
              + ": chrF "
              + score(metric.chrf())
              + ", BLEU "
              + score(metric.bleu())
              + " ("
              + metric.sentences()
              + " sentences)");
    }
    version.lineage().forEach((name, value) -> field(out, "lineage", name + ": " + value));
    out.flush();
    return ExitCode.OK;
  }

  /** A BLEU or chrF score as the model tools print it: one decimal. */
  static String score(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
