package dev.translation.cli.launcher;

import dev.translation.cli.launcher.api.LauncherApi;
import dev.translation.cli.launcher.api.ModelJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Launches a model refresh and prints its id on standard output: the launcher fetches the"
          + " bundle, checks its files against its model.json, scores it beside the active"
          + " version on the test sets, and registers it only if the gate passes; with --promote"
          + " or --canary it then rolls it out. With --wait, waits for it as 'model wait' does.",
      ""
    })
final class RefreshModelCommand extends LaunchModelJobCommand {

  @Parameters(
      paramLabel = "BUNDLE_URI",
      description =
          "The bundle's folder: a path (sent as a file: URI; on the launcher's models volume or"
              + " below its input root), a file: URI, or an http(s) URL")
  String bundle;

  @Option(
      names = "--sha256",
      paramLabel = "HEX",
      description = "The SHA-256 the bundle's model.json must have")
  String sha256;

  @Override
  ModelJob launch(LauncherApi api) {
    return api.refresh(
        request(
            root().bundleForLauncher(bundle), sha256, null, null, null, null, null, null, null));
  }

  @Override
  String summary(ModelJob job) {
    return "refresh from " + job.request().getOrDefault("bundleUri", bundle);
  }
}
