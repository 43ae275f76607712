package dev.translation.cli;

import dev.translation.cli.api.JobResult;
import dev.translation.cli.api.TranslationApi;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "result",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a job's translations on standard output, one per submitted text in order (for a"
          + " document job, one per paragraph, cell or cue). Waits for the job to finish first."
    })
final class ResultCommand extends JobCommand {

  @Parameters(paramLabel = "ID", description = "The job's id")
  String id;

  @Override
  public Integer call() {
    TranslationApi api = api();
    JobResult result = api.result(id);
    if (!result.finished()) {
      watcher(api).await("job " + id, List.of(id), job -> {});
      result = api.result(id);
    }
    return TextResults.print(result, out(), display());
  }
}
