package dev.translation.cli;

import dev.translation.cli.api.Job;
import dev.translation.cli.api.TranslatedFile;
import dev.translation.cli.api.TranslationApi;
import dev.translation.contracts.JobStatus;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads a document job's translated file, under the name the API gives it (like"
          + " report.en.docx) in the current folder, or to -o PATH. Waits for the job to finish"
          + " first. Sentences that failed stand in the source language."
    })
final class DownloadCommand extends JobCommand {

  @Parameters(paramLabel = "ID", description = "The job's id")
  String id;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH",
      description = "Where to write the file")
  String output;

  @Option(names = "--force", description = "Overwrite an existing file")
  boolean force;

  @Override
  public Integer call() {
    TranslationApi api = api();
    TranslatedFile file = DocumentDownload.fetch(api, watcher(api), id, "job " + id);
    CliEnvironment environment = root.environment();
    Path target =
        environment
            .workingDirectory()
            .resolve(output != null ? output : file.fileName() != null ? file.fileName() : id);
    try {
      DocumentDownload.write(target, file.content(), force);
    } catch (FileAlreadyExistsException e) {
      throw new UsageException(environment.shown(target) + " exists; --force overwrites it");
    } catch (IOException e) {
      throw new UsageException("cannot write " + environment.shown(target) + ": " + e.getMessage());
    }
    Job job = api.job(id);
    if (job.jobStatus() != JobStatus.SUCCEEDED) {
      display()
          .message(
              "wrote "
                  + environment.shown(target)
                  + ", but the job "
                  + job.status()
                  + ": "
                  + file.incompleteTexts()
                  + " of "
                  + job.counts().texts()
                  + " texts kept sentences in the source language");
      return ExitCode.JOB_FAILED;
    }
    display().note("wrote " + environment.shown(target));
    return ExitCode.OK;
  }
}
