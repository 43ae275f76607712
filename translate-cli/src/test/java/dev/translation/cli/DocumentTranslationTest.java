package dev.translation.cli;

import static dev.translation.cli.FakeTranslationApi.file;
import static dev.translation.cli.FakeTranslationApi.job;
import static dev.translation.cli.FakeTranslationApi.json;
import static dev.translation.cli.FakeTranslationApi.problem;
import static dev.translation.cli.FakeTranslationApi.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentTranslationTest {

  @TempDir Path folder;
  private FakeTranslationApi api;
  private Path report;

  @BeforeEach
  void startApi() throws IOException {
    api = FakeTranslationApi.start();
    report = Files.writeString(folder.resolve("report.docx"), "the original");
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  /** The job goes queued, running, succeeded over three polls; its file then downloads. */
  private void jobThatSucceedsOnTheThirdPoll() {
    api.on("POST", "/v1/documents", json(202, job("job-1", "queued", 2, 3, 0, 0, "report.docx")))
        .on(
            "GET",
            "/v1/jobs/job-1",
            json(200, job("job-1", "queued", 2, 3, 0, 0, "report.docx")),
            json(200, job("job-1", "running", 2, 3, 1, 0, "report.docx")),
            json(200, job("job-1", "succeeded", 2, 3, 3, 0, "report.docx")))
        .on("GET", "/v1/jobs/job-1/document", file("report.en.docx", "the translation", 0));
  }

  @Test
  void fileIsSubmittedWaitedForAndItsTranslationWrittenNextToIt() throws IOException {
    jobThatSucceedsOnTheThirdPoll();

    CliRun cli = CliRun.against(api, folder);
    CliRun.Outcome outcome = cli.run("report.docx", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(folder.resolve("report.en.docx")).hasContent("the translation");
    assertThat(outcome.out()).isEmpty();
    FakeTranslationApi.Request submit = api.requests("POST", "/v1/documents").getFirst();
    Map<String, FakeTranslationApi.Part> parts = submit.parts();
    assertThat(parts.get("file").fileName()).isEqualTo("report.docx");
    assertThat(parts.get("file").text()).isEqualTo("the original");
    assertThat(parts.get("source").text()).isEqualTo("de");
    assertThat(parts.get("target").text()).isEqualTo("en");
    assertThat(parts).doesNotContainKey("priority");
    assertThat(submit.header("Idempotency-Key")).isNotBlank();
    assertThat(api.requests("GET", "/v1/jobs/job-1")).hasSize(3);
    assertThat(cli.pauses()).containsExactly(Duration.ofMillis(600), Duration.ofMillis(900));
  }

  @Test
  void progressOnANonTerminalIsOneLinePerChangeWithAnEstimate() {
    jobThatSucceedsOnTheThirdPoll();

    CliRun.Outcome outcome = CliRun.against(api, folder).run("report.docx", "--to", "en");

    // 1 of 3 segments in the 0.6 s since the job was seen queued: 2 more take 1.2 s.
    assertThat(outcome.errLines())
        .containsExactly(
            "report.docx: job job-1",
            "report.docx: queued, 0/3 segments (0%)",
            "report.docx: running, 1/3 segments (33%), ETA 2s",
            "report.docx: succeeded, 3/3 segments (100%)",
            "wrote report.en.docx");
    assertThat(outcome.err()).doesNotContain("\r");
  }

  @Test
  void progressOnATerminalRedrawsOneLine() {
    jobThatSucceedsOnTheThirdPoll();

    CliRun.Outcome outcome =
        CliRun.against(api, folder).stderrIsTerminal().run("report.docx", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.err())
        .contains("\rreport.docx [------------------------] 0/3 segments 0% queued")
        .contains("\rreport.docx [########----------------] 1/3 segments 33% running  ETA 2s")
        .contains("\rreport.docx [########################] 3/3 segments 100% succeeded")
        .endsWith("\nwrote report.en.docx\n");
  }

  @Test
  void quietShowsNoProgress() {
    jobThatSucceedsOnTheThirdPoll();

    CliRun.Outcome outcome = CliRun.against(api, folder).run("-q", "report.docx", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.err()).isEmpty();
    assertThat(folder.resolve("report.en.docx")).hasContent("the translation");
  }

  @Test
  void outputOptionNamesWhereTheTranslationGoes() throws IOException {
    jobThatSucceedsOnTheThirdPoll();
    Files.createDirectory(folder.resolve("out"));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("report.docx", "--to", "en", "-o", "out/bericht.docx");

    assertThat(outcome.exitCode()).isZero();
    assertThat(folder.resolve("out/bericht.docx")).hasContent("the translation");
    assertThat(folder.resolve("report.en.docx")).doesNotExist();
    assertThat(outcome.errLines()).last().isEqualTo("wrote out/bericht.docx");
  }

  @Test
  void anExistingTranslationIsNeitherOverwrittenNorTranslatedAgain() throws IOException {
    jobThatSucceedsOnTheThirdPoll();
    Files.writeString(folder.resolve("report.en.docx"), "earlier work");
    Files.writeString(folder.resolve("chosen.docx"), "chosen earlier");

    CliRun.Outcome besideIt = CliRun.against(api, folder).run("report.docx", "--to", "en");
    CliRun.Outcome named =
        CliRun.against(api, folder).run("report.docx", "--to", "en", "--output", "chosen.docx");

    assertThat(besideIt.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(besideIt.err()).contains("report.en.docx exists; --force overwrites it");
    assertThat(named.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(named.err()).contains("chosen.docx exists; --force overwrites it");
    assertThat(folder.resolve("report.en.docx")).hasContent("earlier work");
    assertThat(folder.resolve("chosen.docx")).hasContent("chosen earlier");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void forceOverwritesAnExistingTranslation() throws IOException {
    jobThatSucceedsOnTheThirdPoll();
    Files.writeString(folder.resolve("report.en.docx"), "earlier work");

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("report.docx", "--to", "en", "--force");

    assertThat(outcome.exitCode()).isZero();
    assertThat(folder.resolve("report.en.docx")).hasContent("the translation");
  }

  @Test
  void theDownloadsNameDecidesTheExtension() throws IOException {
    Files.writeString(folder.resolve("scan.pdf"), "%PDF-1.7");
    api.on("POST", "/v1/documents", json(202, job("job-2", "succeeded", 1, 1, 1, 0, "scan.pdf")))
        .on("GET", "/v1/jobs/job-2", json(200, job("job-2", "succeeded", 1, 1, 1, 0, "scan.pdf")))
        .on("GET", "/v1/jobs/job-2/document", file("scan.en.docx", "as docx", 0));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("scan.pdf", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(folder.resolve("scan.en.docx")).hasContent("as docx");
    assertThat(folder.resolve("scan.en.pdf")).doesNotExist();
  }

  @Test
  void anUnsupportedFileIsRejectedWithTheApisDetail() throws IOException {
    Files.writeString(folder.resolve("notes.rtf"), "{\\rtf1}");
    api.on(
        "POST",
        "/v1/documents",
        problem(
            415,
            "the file is no supported format",
            Map.of("supportedFormats", List.of("text", "markdown", "docx"))));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("notes.rtf", "--to", "en");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.errLines())
        .containsExactly(
            "notes.rtf: the file is no supported format (supported: text, markdown, docx)");
    assertThat(api.requests("GET", "/v1/jobs/job-1")).isEmpty();
  }

  @Test
  void aDetailThatListsTheFormatsAlreadyIsPrintedWithoutASecondList() throws IOException {
    Files.writeString(folder.resolve("notes.docx"), "plain text");
    api.on(
        "POST",
        "/v1/documents",
        problem(
            415,
            "the file is named .docx but its content is text; supported formats: text, docx",
            Map.of("supportedFormats", List.of("text", "docx"))));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("notes.docx", "--to", "en");

    assertThat(outcome.errLines())
        .containsExactly(
            "notes.docx: the file is named .docx but its content is text; supported formats:"
                + " text, docx");
  }

  @Test
  void aPartlyFailedJobStillWritesWhatWasTranslated() {
    api.on("POST", "/v1/documents", json(202, job("job-3", "queued", 4, 6, 0, 0, "report.docx")))
        .on(
            "GET",
            "/v1/jobs/job-3",
            json(200, job("job-3", "partially_failed", 4, 6, 5, 1, "report.docx")))
        .on("GET", "/v1/jobs/job-3/document", file("report.en.docx", "mostly English", 1));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("report.docx", "--to", "en");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
    assertThat(folder.resolve("report.en.docx")).hasContent("mostly English");
    assertThat(outcome.errLines())
        .contains(
            "report.docx: partially_failed, 5/6 segments (100%), 1 failed",
            "wrote report.en.docx, but 1 text of 4 kept sentences in the source language, which"
                + " failed to translate (translate result job-3 says why)");
  }

  @Test
  void aFailedJobWritesNothingAndSaysWhy() {
    api.on("POST", "/v1/documents", json(202, job("job-4", "queued", 1, 2, 0, 0, "report.docx")))
        .on("GET", "/v1/jobs/job-4", json(200, job("job-4", "failed", 1, 2, 0, 2, "report.docx")))
        .on(
            "GET",
            "/v1/jobs/job-4/result",
            json(
                200,
                result(
                    job("job-4", "failed", 1, 2, 0, 2, "report.docx"),
                    List.of(FakeTranslationApi.failed(0, "sentence 1: model unavailable")))));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("report.docx", "--to", "en");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
    assertThat(folder.resolve("report.en.docx")).doesNotExist();
    assertThat(outcome.errLines())
        .last()
        .isEqualTo("report.docx: translation failed: sentence 1: model unavailable");
  }

  @Test
  void noWaitPrintsTheJobIdAndTheFile() {
    jobThatSucceedsOnTheThirdPoll();

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("report.docx", "--to", "en", "--no-wait");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("job-1\treport.docx\n");
    assertThat(api.requests("GET", "/v1/jobs/job-1")).isEmpty();
    assertThat(folder.resolve("report.en.docx")).doesNotExist();
  }

  @Test
  void outputNeedsExactlyOneFile() throws IOException {
    Files.writeString(folder.resolve("other.docx"), "x");

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("report.docx", "other.docx", "--to", "en", "-o", "x.docx");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err()).contains("-o/--output names the translation of one file");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void targetLanguageIsRequired() {
    CliRun.Outcome outcome = CliRun.against(api, folder).run("report.docx");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err()).contains("--to is required");
  }
}
