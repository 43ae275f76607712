package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.launcher.api.ModelRegistry;
import dev.translation.cli.launcher.api.ModelVersion;
import dev.translation.cli.launcher.api.Rollout;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists what serves each language pair (the active version, and the canary with its"
            + " share), then every registered version with its state and its chrF on each test"
            + " set.")
final class ListModelsCommand extends LauncherSubcommand {

  @Option(names = "--json", description = "Print the registry as the launcher answered, in JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (json) {
      String body = api().modelsJson();
      out.print(body.endsWith("\n") ? body : body + "\n");
      out.flush();
      return ExitCode.OK;
    }
    ModelRegistry registry = api().models();
    if (registry.rollouts().isEmpty()) {
      out.println("no language pair is served yet");
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("LANGUAGES", "ACTIVE", "CANARY", "REVISION", "UPDATED"));
      for (Rollout rollout : registry.rollouts()) {
        rows.add(
            List.of(
                rollout.languages().toString(),
                rollout.activeModel(),
                rollout.canaryModel() == null
                    ? "-"
                    : rollout.canaryModel() + " (" + rollout.canaryPercent() + "%)",
                Long.toString(rollout.revision()),
                time(rollout.updatedAt())));
      }
      printTable(rows, out);
    }
    out.println();
    if (registry.versions().isEmpty()) {
      out.println("no model versions");
    } else {
      printTable(versions(registry.versions()), out);
    }
    out.flush();
    return ExitCode.OK;
  }

  /** A row per version, with a chrF column per test set any of them was scored on. */
  private static List<List<String>> versions(List<ModelVersion> versions) {
    Set<String> testSets = new LinkedHashSet<>();
    versions.forEach(
        version ->
            version.metrics().stream()
                .filter(ModelVersion.Metric::ofTheModel)
                .forEach(metric -> testSets.add(metric.testSet())));
    List<String> headings =
        new ArrayList<>(List.of("MODEL", "LANGUAGES", "STATE", "REGISTERED", "BY"));
    testSets.forEach(testSet -> headings.add("CHRF " + testSet));
    List<List<String>> rows = new ArrayList<>();
    rows.add(headings);
    for (ModelVersion version : versions) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  version.modelId(),
                  version.languages().toString(),
                  version.state()
                      + (version.canaryPercent() == null
                          ? ""
                          : " " + version.canaryPercent() + "%"),
                  time(version.registeredAt()),
                  version.launchedBy() == null ? "-" : version.launchedBy()));
      for (String testSet : testSets) {
        row.add(
            version.metrics().stream()
                .filter(metric -> metric.ofTheModel() && metric.testSet().equals(testSet))
                .map(metric -> ShowModelCommand.score(metric.chrf()))
                .findFirst()
                .orElse("-"));
      }
      rows.add(row);
    }
    return rows;
  }
}
