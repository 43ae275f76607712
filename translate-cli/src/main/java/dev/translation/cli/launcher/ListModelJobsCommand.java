package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.UsageException;
import dev.translation.cli.launcher.api.ModelJob;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "Lists model refreshes and retrainings, newest first, as a table.")
final class ListModelJobsCommand extends LauncherSubcommand {

  private static final List<String> HEADINGS =
      List.of("ID", "KIND", "STATUS", "PHASE", "MODEL", "BY", "CREATED", "FINISHED");

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many of the newest (default: ${DEFAULT-VALUE}, at most 100)")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new UsageException("--limit must be 1 or more, not " + limit);
    }
    List<ModelJob> jobs = api().modelJobs(limit);
    PrintWriter out = out();
    if (jobs.isEmpty()) {
      out.println("no model jobs");
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADINGS);
      for (ModelJob job : jobs) {
        rows.add(
            List.of(
                job.id(),
                job.kind(),
                job.status(),
                job.finished() || job.phase() == null ? "-" : job.phase(),
                job.modelId() == null ? "-" : job.modelId(),
                job.launchedBy() == null ? "-" : job.launchedBy(),
                time(job.createdAt()),
                time(job.finishedAt())));
      }
      printTable(rows, out);
    }
    out.flush();
    return ExitCode.OK;
  }
}
