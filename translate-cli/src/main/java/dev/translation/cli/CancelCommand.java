package dev.translation.cli;

import dev.translation.cli.api.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Cancels what a job has not translated yet; what it has keeps its translation. A job that"
            + " has finished cannot be cancelled (exit code 3).")
final class CancelCommand extends JobCommand {

  @Parameters(paramLabel = "ID", description = "The job's id")
  String id;

  @Override
  public Integer call() {
    Job job = api().cancel(id);
    Job.Counts counts = job.counts();
    out()
        .println(
            "job "
                + job.id()
                + " "
                + job.status()
                + ": "
                + counts.done()
                + " of "
                + counts.total()
                + " segments were translated, "
                + counts.cancelled()
                + " cancelled");
    out().flush();
    return ExitCode.OK;
  }
}
