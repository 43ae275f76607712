package dev.translation.cli.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = {
      "Waits for a batch to finish, polling every 1-2 s, with its progress on standard error: a"
          + " redrawn bar on a terminal, a line now and then otherwise. Then prints how it ended,"
          + " its reason and where its output is, and exits with a code for how it ended (below)."
          + " A launcher that cannot be reached is asked again for up to 5 minutes."
    })
final class WaitCommand extends LauncherSubcommand {

  @Parameters(paramLabel = "ID", description = "The batch's id")
  String id;

  @Override
  public Integer call() {
    return watcher(api()).await(id);
  }
}
