package dev.translation.cli;

import dev.translation.cli.api.ApiRejectedException;
import dev.translation.cli.api.Job;
import dev.translation.cli.api.JobResult;
import dev.translation.cli.api.Submission;
import dev.translation.cli.api.TranslatedFile;
import dev.translation.cli.api.TranslationApi;
import dev.translation.contracts.JobStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of the translate command over its inputs: every file becomes a document job and the texts
 * one text job; it waits for them all at once, writes each file's translation next to it as soon as
 * its job has finished, and prints the texts' translations. The exit code is the highest any input
 * got.
 */
final class InputTranslation {

  /** How long a text submit lets the API hold its answer; most texts finish within it. */
  static final Duration TEXT_WAIT = Duration.ofSeconds(5);

  /**
   * What the run was asked to do.
   *
   * @param source source language
   * @param target target language
   * @param priority interactive, batch, or null for the API's choice
   * @param output where the one file's translation goes, or null for next to it
   * @param force whether existing files may be overwritten
   * @param noWait submit only, and print the job ids
   */
  record Settings(
      String source, String target, String priority, Path output, boolean force, boolean noWait) {}

  /** What became of a file. */
  private enum Outcome {
    TRANSLATED("translated"),
    PARTLY_TRANSLATED("partly translated"),
    FAILED("failed"),
    REJECTED("rejected"),
    NOT_WRITTEN("not written"),
    SKIPPED("skipped (translation exists)");

    final String text;

    Outcome(String text) {
      this.text = text;
    }
  }

  private final TranslationApi api;
  private final JobWatcher watcher;
  private final ProgressDisplay display;
  private final PrintWriter out;
  private final CliEnvironment environment;
  private final Settings settings;

  private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
  private int exitCode = ExitCode.OK;

  InputTranslation(
      TranslationApi api,
      JobWatcher watcher,
      ProgressDisplay display,
      PrintWriter out,
      CliEnvironment environment,
      Settings settings) {
    this.api = api;
    this.watcher = watcher;
    this.display = display;
    this.out = out;
    this.environment = environment;
    this.settings = settings;
  }

  /** A file that was submitted, and where its translation goes unless the API names another. */
  private record DocumentJob(Inputs.Document input, Path plannedOutput, String jobId) {}

  int run(Inputs inputs) {
    Map<String, DocumentJob> documents = new LinkedHashMap<>();
    for (Inputs.Document input : inputs.documents()) {
      DocumentJob submitted = submit(input);
      if (submitted != null) {
        documents.put(submitted.jobId(), submitted);
      }
    }
    Submission texts = inputs.texts().isEmpty() ? null : submit(inputs.texts());

    if (settings.noWait()) {
      documents
          .values()
          .forEach(job -> out.println(job.jobId() + "\t" + shown(job.input().file())));
      if (texts != null) {
        out.println(texts.jobId());
      }
      out.flush();
      return exitCode;
    }

    List<String> waitFor = new ArrayList<>(documents.keySet());
    if (texts != null && texts.result() == null) {
      display.note(count(inputs.texts().size(), "text") + ": job " + texts.jobId());
      waitFor.add(texts.jobId());
    }
    if (!waitFor.isEmpty()) {
      watcher.await(
          label(waitFor, documents, inputs.texts().size()),
          waitFor,
          job -> {
            DocumentJob document = documents.get(job.id());
            if (document != null) {
              finish(document, job);
            }
          });
    }
    if (texts != null) {
      JobResult result = texts.result() != null ? texts.result() : api.result(texts.jobId());
      record(TextResults.print(result, out, display));
    }
    if (!inputs.documents().isEmpty() && (inputs.folders() || inputs.documents().size() > 1)) {
      display.message(summary(inputs.documents().size()));
    }
    return exitCode;
  }

  /** Submits one file, unless its translation exists already; null when nothing was submitted. */
  private DocumentJob submit(Inputs.Document input) {
    Path file = input.file();
    Path planned =
        settings.output() != null
            ? settings.output()
            : file.resolveSibling(
                DocumentFiles.translatedName(file.getFileName().toString(), settings.target()));
    if (!settings.force() && Files.exists(planned)) {
      if (input.inFolder()) {
        display.note("skipped " + shown(file) + ": " + shown(planned) + " exists");
        outcome(Outcome.SKIPPED, ExitCode.OK);
      } else {
        display.message(shown(planned) + " exists; --force overwrites it");
        outcome(Outcome.NOT_WRITTEN, ExitCode.USAGE);
      }
      return null;
    }
    try {
      Job job = api.submitDocument(file, settings.source(), settings.target(), settings.priority());
      display.note(shown(file) + ": job " + job.id());
      return new DocumentJob(input, planned, job.id());
    } catch (ApiRejectedException e) {
      display.message(shown(file) + ": " + e.detailWithSupportedFormats());
      outcome(Outcome.REJECTED, ExitCode.REJECTED);
    } catch (IOException e) {
      display.message("cannot read " + shown(file) + ": " + e.getMessage());
      outcome(Outcome.NOT_WRITTEN, ExitCode.USAGE);
    }
    return null;
  }

  private Submission submit(List<String> texts) {
    try {
      return api.submitTexts(
          texts,
          settings.source(),
          settings.target(),
          settings.priority(),
          settings.noWait() ? Duration.ZERO : TEXT_WAIT);
    } catch (ApiRejectedException e) {
      display.message(e.getMessage());
      record(ExitCode.REJECTED);
      return null;
    }
  }

  /** Writes a finished file's translation, or says why there is none. */
  private void finish(DocumentJob document, Job job) {
    Path file = document.input().file();
    switch (job.jobStatus()) {
      case SUCCEEDED, PARTIALLY_FAILED -> {
        TranslatedFile translated =
            DocumentDownload.fetch(api, watcher, job.id(), file.getFileName().toString());
        Path output =
            settings.output() != null || translated.fileName() == null
                ? document.plannedOutput()
                : file.resolveSibling(translated.fileName());
        try {
          DocumentDownload.write(output, translated.content(), settings.force());
        } catch (FileAlreadyExistsException e) {
          display.message(
              shown(output)
                  + " exists; not overwritten (translate download "
                  + job.id()
                  + " -o PATH fetches the translation)");
          outcome(Outcome.NOT_WRITTEN, ExitCode.USAGE);
          return;
        } catch (IOException e) {
          display.message("cannot write " + shown(output) + ": " + e.getMessage());
          outcome(Outcome.NOT_WRITTEN, ExitCode.USAGE);
          return;
        }
        if (job.jobStatus() == JobStatus.PARTIALLY_FAILED || translated.incompleteTexts() > 0) {
          display.message(
              "wrote "
                  + shown(output)
                  + ", but "
                  + count(translated.incompleteTexts(), "text")
                  + " of "
                  + job.counts().texts()
                  + " kept sentences in the source language, which failed to translate"
                  + " (translate result "
                  + job.id()
                  + " says why)");
          outcome(Outcome.PARTLY_TRANSLATED, ExitCode.JOB_FAILED);
        } else {
          display.note("wrote " + shown(output));
          outcome(Outcome.TRANSLATED, ExitCode.OK);
        }
      }
      case CANCELLED -> {
        display.message(shown(file) + ": job " + job.id() + " was cancelled; nothing written");
        outcome(Outcome.FAILED, ExitCode.JOB_FAILED);
      }
      default -> {
        display.message(shown(file) + ": translation failed: " + firstError(job.id()));
        outcome(Outcome.FAILED, ExitCode.JOB_FAILED);
      }
    }
  }

  private String firstError(String jobId) {
    return api.result(jobId).segments().stream()
        .map(JobResult.TextResult::error)
        .filter(error -> error != null && !error.isBlank())
        .findFirst()
        .orElse("no reason given");
  }

  private static String label(
      List<String> jobIds, Map<String, DocumentJob> documents, int textCount) {
    if (jobIds.size() > 1) {
      return jobIds.size() + " jobs";
    }
    DocumentJob document = documents.get(jobIds.getFirst());
    return document != null
        ? document.input().file().getFileName().toString()
        : count(textCount, "text");
  }

  private String summary(int files) {
    return count(files, "file")
        + ": "
        + outcomes.entrySet().stream()
            .map(entry -> entry.getValue() + " " + entry.getKey().text)
            .collect(Collectors.joining(", "));
  }

  private void outcome(Outcome outcome, int code) {
    outcomes.merge(outcome, 1, Integer::sum);
    record(code);
  }

  private void record(int code) {
    exitCode = Math.max(exitCode, code);
  }

  private String shown(Path path) {
    return environment.shown(path);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
