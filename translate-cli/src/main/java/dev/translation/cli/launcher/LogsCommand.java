package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Prints the end of a shard's log: of its running attempt, else of its latest one.")
final class LogsCommand extends LauncherSubcommand {

  @Parameters(paramLabel = "ID", description = "The batch's id")
  String id;

  @Option(
      names = "--shard",
      paramLabel = "N",
      defaultValue = "0",
      description = "The shard, from 0 (default: ${DEFAULT-VALUE})")
  int shard;

  @Option(
      names = "--lines",
      paramLabel = "N",
      defaultValue = "100",
      description = "How many lines from the end (default: ${DEFAULT-VALUE})")
  int lines;

  @Override
  public Integer call() {
    if (shard < 0) {
      throw new UsageException("--shard counts from 0, not " + shard);
    }
    if (lines < 1) {
      throw new UsageException("--lines must be 1 or more, not " + lines);
    }
    String log = api().log(id, shard, lines);
    out().print(log.isEmpty() || log.endsWith("\n") ? log : log + "\n");
    out().flush();
    return ExitCode.OK;
  }
}
