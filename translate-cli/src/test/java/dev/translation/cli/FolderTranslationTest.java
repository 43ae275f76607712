package dev.translation.cli;

import static dev.translation.cli.FakeTranslationApi.file;
import static dev.translation.cli.FakeTranslationApi.job;
import static dev.translation.cli.FakeTranslationApi.json;
import static dev.translation.cli.FakeTranslationApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTranslationTest {

  @TempDir Path workingDirectory;
  private FakeTranslationApi api;
  private Path docs;

  @BeforeEach
  void startApi() throws IOException {
    api = FakeTranslationApi.start();
    docs = Files.createDirectory(workingDirectory.resolve("docs"));
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void everySupportedFileIsTranslatedExceptTranslationsAndOtherFiles() throws IOException {
    Files.writeString(docs.resolve("a.txt"), "Hallo");
    Files.writeString(docs.resolve("b.md"), "# Titel");
    Files.writeString(docs.resolve("c.PDF"), "%PDF-1.7");
    // a.txt's translation exists; old.en.md is one, of a file no longer there.
    Files.writeString(docs.resolve("a.en.txt"), "an earlier translation");
    Files.writeString(docs.resolve("old.en.md"), "a translation of a removed file");
    Files.writeString(docs.resolve("image.png"), "not text");
    Files.writeString(docs.resolve(".hidden.txt"), "hidden");
    Files.createDirectory(docs.resolve("sub"));
    Files.writeString(docs.resolve("sub/deeper.txt"), "not looked at");
    // Each submit gets the next job; the uploads are recognised by their order.
    api.on(
            "POST",
            "/v1/documents",
            json(202, job("job-b", "queued", 1, 1, 0, 0, "b.md")),
            json(202, job("job-c", "queued", 1, 2, 0, 0, "c.PDF")))
        .on("GET", "/v1/jobs/job-b", json(200, job("job-b", "succeeded", 1, 1, 1, 0, "b.md")))
        .on(
            "GET",
            "/v1/jobs/job-c",
            json(200, job("job-c", "running", 1, 2, 1, 0, "c.PDF")),
            json(200, job("job-c", "succeeded", 1, 2, 2, 0, "c.PDF")))
        .on("GET", "/v1/jobs/job-b/document", file("b.en.md", "# Title", 0))
        .on("GET", "/v1/jobs/job-c/document", file("c.en.docx", "pdf text", 0));

    CliRun.Outcome outcome = CliRun.against(api, workingDirectory).run("docs", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(api.requests("POST", "/v1/documents"))
        .extracting(request -> request.parts().get("file").fileName())
        .containsExactly("b.md", "c.PDF");
    assertThat(docs.resolve("b.en.md")).hasContent("# Title");
    assertThat(docs.resolve("c.en.docx")).hasContent("pdf text");
    assertThat(docs.resolve("a.en.txt")).hasContent("an earlier translation");
    assertThat(docs.resolve("sub/deeper.en.txt")).doesNotExist();
    assertThat(outcome.errLines())
        .containsExactly(
            "skipped docs/a.txt: docs/a.en.txt exists",
            "docs/b.md: job job-b",
            "docs/c.PDF: job job-c",
            "2 jobs: 1 of 2 jobs finished, 2/3 segments (66%)",
            "wrote docs/b.en.md",
            "2 jobs: 2 of 2 jobs finished, 3/3 segments (100%)",
            "wrote docs/c.en.docx",
            "3 files: 2 translated, 1 skipped (translation exists)");
  }

  @Test
  void aRefusedFileDoesNotStopTheOthers() throws IOException {
    Files.writeString(docs.resolve("broken.docx"), "not a zip");
    Files.writeString(docs.resolve("fine.txt"), "Hallo");
    api.on(
            "POST",
            "/v1/documents",
            problem(422, "the file is a damaged ZIP archive"),
            json(202, job("job-f", "queued", 1, 1, 0, 0, "fine.txt")))
        .on("GET", "/v1/jobs/job-f", json(200, job("job-f", "succeeded", 1, 1, 1, 0, "fine.txt")))
        .on("GET", "/v1/jobs/job-f/document", file("fine.en.txt", "Hello", 0));

    CliRun.Outcome outcome = CliRun.against(api, workingDirectory).run("docs", "--to", "en");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(docs.resolve("fine.en.txt")).hasContent("Hello");
    assertThat(outcome.errLines())
        .contains(
            "docs/broken.docx: the file is a damaged ZIP archive",
            "2 files: 1 translated, 1 rejected");
  }

  @Test
  void noWaitPrintsOneLinePerFile() throws IOException {
    Files.writeString(docs.resolve("a.txt"), "Hallo");
    Files.writeString(docs.resolve("b.txt"), "Tschüss");
    api.on(
        "POST",
        "/v1/documents",
        json(202, job("job-a", "queued", 1, 1, 0, 0, "a.txt")),
        json(202, job("job-b", "queued", 1, 1, 0, 0, "b.txt")));

    CliRun.Outcome outcome =
        CliRun.against(api, workingDirectory).run("--no-wait", "docs", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("job-a\tdocs/a.txt\njob-b\tdocs/b.txt\n");
    assertThat(api.requests("GET", "/v1/jobs/job-a")).isEmpty();
  }

  @Test
  void aFolderWithNothingToTranslateSaysSo() throws IOException {
    Files.writeString(docs.resolve("image.png"), "x");

    CliRun.Outcome outcome = CliRun.against(api, workingDirectory).run("docs", "--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.errLines()).containsExactly("docs: no file to translate in this folder");
    assertThat(api.requests()).isEmpty();
  }
}
