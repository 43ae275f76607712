package dev.translation.cli;

import dev.translation.cli.api.Job;
import dev.translation.cli.api.JobPage;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists your jobs, newest first, a page at a time.")
final class ListCommand extends JobCommand {

  @Option(
      names = "--page",
      paramLabel = "N",
      defaultValue = "0",
      description = "Page, from 0 as the API counts (default: ${DEFAULT-VALUE})")
  int page;

  @Option(
      names = "--size",
      paramLabel = "N",
      description = "Jobs per page (default: the API's, 20; at most 100)")
  Integer size;

  @Override
  public Integer call() {
    JobPage jobs = api().list(page, size);
    PrintWriter out = out();
    String format = "%-36s  %-16s  %-13s  %-20s  %s%n";
    out.printf(format, "ID", "STATUS", "SEGMENTS", "CREATED", "WHAT");
    for (Job job : jobs.items()) {
      out.printf(
          format,
          job.id(),
          job.status(),
          job.counts().done() + "/" + job.counts().total(),
          StatusCommand.time(job.createdAt()),
          job.document() != null
              ? job.document().name()
              : job.counts().texts() + (job.counts().texts() == 1 ? " text" : " texts"));
    }
    out.println(
        "page "
            + jobs.page()
            + " of "
            + jobs.totalPages()
            + " ("
            + jobs.totalItems()
            + " jobs)"
            + (jobs.page() + 1 < jobs.totalPages()
                ? "; next: translate list --page " + (jobs.page() + 1)
                : ""));
    out.flush();
    return ExitCode.OK;
  }
}
