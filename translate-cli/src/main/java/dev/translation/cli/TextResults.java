package dev.translation.cli;

import dev.translation.cli.api.JobResult;
import dev.translation.contracts.JobStatus;
import java.io.PrintWriter;

/** Prints a job's translations: one entry per submitted text, in input order, on standard out. */
final class TextResults {

  private TextResults() {}

  /**
   * Prints every text's translation. A text without one (failed, cancelled, still pending) prints
   * as an empty line, so that line N of the output still answers text N, and is explained on
   * standard error.
   *
   * @return {@link ExitCode#OK} when every text was translated, else {@link ExitCode#JOB_FAILED}
   */
  static int print(JobResult result, PrintWriter out, ProgressDisplay display) {
    for (JobResult.TextResult text : result.segments()) {
      if (text.done()) {
        out.println(text.translation());
      } else {
        out.println();
        display.message(
            "text "
                + (text.index() + 1)
                + (switch (text.status()) {
                  case "failed" ->
                      " failed: " + (text.error() == null ? "no reason given" : text.error());
                  case "cancelled" -> " was cancelled";
                  default -> " is not translated yet (" + text.status() + ")";
                }));
      }
    }
    out.flush();
    return JobStatus.SUCCEEDED.name().equalsIgnoreCase(result.status())
        ? ExitCode.OK
        : ExitCode.JOB_FAILED;
  }
}
