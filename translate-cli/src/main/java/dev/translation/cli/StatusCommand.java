package dev.translation.cli;

import dev.translation.cli.api.Job;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows a job: status, progress, its file, timestamps.")
final class StatusCommand extends JobCommand {

  @Parameters(paramLabel = "ID", description = "The job's id")
  String id;

  @Override
  public Integer call() {
    Job job = api().job(id);
    PrintWriter out = out();
    Job.Counts counts = job.counts();
    out.println("job       " + job.id());
    out.println("status    " + job.status());
    out.println(
        "progress  "
            + counts.done()
            + "/"
            + counts.total()
            + " segments translated"
            + (counts.failed() > 0 ? ", " + counts.failed() + " failed" : "")
            + (counts.cancelled() > 0 ? ", " + counts.cancelled() + " cancelled" : "")
            + (counts.pending() > 0 ? ", " + counts.pending() + " pending" : ""));
    out.println("languages " + job.source() + " -> " + job.target());
    if (job.document() != null) {
      Job.Document document = job.document();
      out.println(
          "file      "
              + document.name()
              + " ("
              + document.format()
              + ", "
              + document.sizeBytes()
              + " bytes; downloads as "
              + document.downloadFormat()
              + ")");
    } else {
      out.println("texts     " + counts.texts());
    }
    out.println("created   " + time(job.createdAt()));
    out.println("started   " + time(job.startedAt()));
    out.println("finished  " + time(job.finishedAt()));
    out.flush();
    return ExitCode.OK;
  }

  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
