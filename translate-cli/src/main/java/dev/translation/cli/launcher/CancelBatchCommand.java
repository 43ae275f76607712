package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.launcher.api.Batch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Cancels a batch: its shards stop, and what they have written stays. A batch that has"
            + " finished cannot be cancelled (exit code 3).")
final class CancelBatchCommand extends LauncherSubcommand {

  @Parameters(paramLabel = "ID", description = "The batch's id")
  String id;

  @Override
  public Integer call() {
    Batch batch = api().cancel(id);
    Batch.Progress progress = batch.progress();
    out()
        .println(
            "batch "
                + batch.id()
                + " "
                + batch.status()
                + ": "
                + progress.segmentsDone()
                + " of "
                + progress.segmentsTotal()
                + " segments were translated");
    out().flush();
    return ExitCode.OK;
  }
}
