package dev.translation.cli;

import dev.translation.cli.api.ApiUnavailableException;
import dev.translation.cli.api.TranslatedFile;
import dev.translation.cli.api.TranslationApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/** Fetching a document job's translated file, and writing it without overwriting by accident. */
final class DocumentDownload {

  private DocumentDownload() {}

  /** The job's translated file; while the job has not finished (a 409), waits for it first. */
  static TranslatedFile fetch(TranslationApi api, JobWatcher watcher, String jobId, String label) {
    Optional<TranslatedFile> file = api.document(jobId);
    if (file.isPresent()) {
      return file.get();
    }
    watcher.await(label, List.of(jobId), job -> {});
    return api.document(jobId)
        .orElseThrow(
            () ->
                new ApiUnavailableException(
                    "the API reports job " + jobId + " finished, but not its file"));
  }

  /**
   * Writes {@code content} to {@code file}. Without {@code force} the file must not exist: the
   * check and the creation are one step, so nothing written in between is lost either.
   *
   * @throws java.nio.file.FileAlreadyExistsException when the file exists and {@code force} is off
   */
  static void write(Path file, byte[] content, boolean force) throws IOException {
    OpenOption[] options =
        force
            ? new OpenOption[] {
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE
            }
            : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
    Files.write(file, content, options);
  }
}
