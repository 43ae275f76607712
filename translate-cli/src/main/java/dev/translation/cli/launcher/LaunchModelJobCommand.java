package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.UsageException;
import dev.translation.cli.launcher.api.LauncherApi;
import dev.translation.cli.launcher.api.ModelJob;
import dev.translation.cli.launcher.api.ModelJobRequest;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What {@code model refresh} and {@code model retrain} share: the gate's options, what to do with a
 * version that passes it, and printing the job as {@code launch} prints a batch.
 */
abstract class LaunchModelJobCommand extends LauncherSubcommand {

  @Option(
      names = "--languages",
      paramLabel = "PAIR",
      description = "The language pair, e.g. de-en (default: the launcher's, de-en)")
  String languages;

  @Option(
      names = "--test-set",
      paramLabel = "NAME",
      description =
          "A test set the gate compares the new and the active version on; repeat for more"
              + " (default: the launcher's)")
  List<String> testSets;

  @Option(
      names = "--gate-margin",
      paramLabel = "X",
      description =
          "chrF points the new version may score below the active one on a test set and still"
              + " pass (default: the launcher's)")
  Double gateMargin;

  @Option(names = "--promote", description = "Promote the new version if it passes the gate")
  boolean promote;

  @Option(
      names = "--canary",
      paramLabel = "N",
      description = "Start the new version as a canary on N%% of segments if it passes the gate")
  Integer canary;

  @Option(names = "--wait", description = "Wait for the job to finish, showing its progress")
  boolean await;

  /** Sends the request; the job as the launcher accepted it. */
  abstract ModelJob launch(LauncherApi api);

  /** What the job does, for the note after launching: {@code refresh from file:/models/x}. */
  abstract String summary(ModelJob job);

  @Override
  public Integer call() {
    LauncherApi api = api();
    ModelJob job = launch(api);
    out().println(job.id());
    out().flush();
    display()
        .note(
            "model job "
                + job.id()
                + " "
                + job.status()
                + ": "
                + summary(job)
                + ", then "
                + job.request().getOrDefault("then", then()));
    if (await) {
      return root().modelWatcher(api).await(job.id());
    }
    display()
        .note(
            "follow it: bin/launcher model wait "
                + job.id()
                + " (or model job, model logs, model cancel)");
    return ExitCode.OK;
  }

  /** The request's shared fields, checked before anything is sent, on the kind's own. */
  ModelJobRequest request(
      String bundleUri,
      String modelJsonSha256,
      String baseModel,
      String corpus,
      Boolean corrections,
      Integer heldOutPercent,
      Integer maxSteps,
      Double maxMinutes,
      String version) {
    return new ModelJobRequest(
        bundleUri,
        modelJsonSha256,
        baseModel,
        corpus,
        corrections,
        heldOutPercent,
        maxSteps,
        maxMinutes,
        version,
        languages == null ? null : ModelCommand.pair(languages).toString(),
        testSets == null || testSets.isEmpty() ? null : List.copyOf(testSets),
        gateMargin,
        then(),
        canary);
  }

  private String then() {
    if (promote && canary != null) {
      throw new UsageException("--promote and --canary exclude each other: choose one");
    }
    return promote ? "promote" : canary != null ? "canary" : "candidate";
  }
}
