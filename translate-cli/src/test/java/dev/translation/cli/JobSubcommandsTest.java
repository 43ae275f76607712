package dev.translation.cli;

import static dev.translation.cli.FakeTranslationApi.done;
import static dev.translation.cli.FakeTranslationApi.file;
import static dev.translation.cli.FakeTranslationApi.job;
import static dev.translation.cli.FakeTranslationApi.json;
import static dev.translation.cli.FakeTranslationApi.problem;
import static dev.translation.cli.FakeTranslationApi.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSubcommandsTest {

  @TempDir Path folder;
  private FakeTranslationApi api;

  @BeforeEach
  void startApi() throws IOException {
    api = FakeTranslationApi.start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void statusShowsTheJob() {
    api.on("GET", "/v1/jobs/job-1", json(200, job("job-1", "running", 2, 10, 4, 1, "report.docx")));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("status", "job-1");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo(
            """
            job       job-1
            status    running
            progress  4/10 segments translated, 1 failed, 5 pending
            languages de -> en
            file      report.docx (docx, 1234 bytes; downloads as docx)
            created   2025-03-01T10:00:00Z
            started   2025-03-01T10:00:01Z
            finished  -
            """);
  }

  @Test
  void statusOfAnUnknownJobIsRefused() {
    api.on("GET", "/v1/jobs/nope", problem(404, "no job nope"));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("status", "nope");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.err()).isEqualTo("translate: no job nope\n");
  }

  @Test
  void resultWaitsForTheJobThenPrintsItsTranslations() {
    Map<String, Object> running = job("job-2", "running", 2, 2, 1, 0, null);
    Map<String, Object> succeeded = job("job-2", "succeeded", 2, 2, 2, 0, null);
    api.on(
            "GET",
            "/v1/jobs/job-2/result",
            json(200, result(running, List.of(done(0, "Hello")))),
            json(200, result(succeeded, List.of(done(0, "Hello"), done(1, "Goodbye")))))
        .on("GET", "/v1/jobs/job-2", json(200, running), json(200, succeeded));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("result", "job-2");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("Hello\nGoodbye\n");
    assertThat(api.requests("GET", "/v1/jobs/job-2")).hasSize(2);
  }

  @Test
  void downloadWaitsWhileTheJobIsNotFinished() throws IOException {
    api.on(
            "GET",
            "/v1/jobs/job-3/document",
            problem(409, "job job-3 is running (1 of 2 segments done)"),
            file("report.en.docx", "translated", 0))
        .on(
            "GET",
            "/v1/jobs/job-3",
            json(200, job("job-3", "running", 1, 2, 1, 0, "report.docx")),
            json(200, job("job-3", "succeeded", 1, 2, 2, 0, "report.docx")));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("download", "job-3");

    assertThat(outcome.exitCode()).isZero();
    assertThat(folder.resolve("report.en.docx")).hasContent("translated");
    assertThat(api.requests("GET", "/v1/jobs/job-3/document")).hasSize(2);
    assertThat(outcome.errLines()).last().isEqualTo("wrote report.en.docx");
  }

  @Test
  void downloadToAChosenPathNeverOverwritesWithoutForce() throws IOException {
    api.on("GET", "/v1/jobs/job-3/document", file("report.en.docx", "translated", 0))
        .on("GET", "/v1/jobs/job-3", json(200, job("job-3", "succeeded", 1, 1, 1, 0, "r.docx")));
    Files.writeString(folder.resolve("mine.docx"), "keep me");

    CliRun.Outcome refused =
        CliRun.against(api, folder).run("download", "job-3", "-o", "mine.docx");
    CliRun.Outcome forced =
        CliRun.against(api, folder).run("download", "job-3", "-o", "other.docx");

    assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err()).contains("mine.docx exists; --force overwrites it");
    assertThat(folder.resolve("mine.docx")).hasContent("keep me");
    assertThat(forced.exitCode()).isZero();
    assertThat(folder.resolve("other.docx")).hasContent("translated");
  }

  @Test
  void downloadOfAPartlyFailedJobWritesItAndExitsWithFour() {
    api.on("GET", "/v1/jobs/job-4/document", file("report.en.docx", "partly", 2))
        .on(
            "GET",
            "/v1/jobs/job-4",
            json(200, job("job-4", "partially_failed", 5, 8, 6, 2, "report.docx")));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("download", "job-4");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
    assertThat(folder.resolve("report.en.docx")).hasContent("partly");
    assertThat(outcome.err())
        .contains("but the job partially_failed: 2 of 5 texts kept sentences in the source");
  }

  @Test
  void cancelSaysWhatWasTranslatedAndWhatNot() {
    api.on("DELETE", "/v1/jobs/job-5", json(200, job("job-5", "cancelled", 3, 9, 4, 0, null)));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("cancel", "job-5");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo("job job-5 cancelled: 4 of 9 segments were translated, 5 cancelled\n");
    assertThat(api.requests("DELETE", "/v1/jobs/job-5")).hasSize(1);
  }

  @Test
  void cancellingAFinishedJobIsRefused() {
    api.on("DELETE", "/v1/jobs/job-6", problem(409, "job job-6 has already finished"));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("cancel", "job-6");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.err()).isEqualTo("translate: job job-6 has already finished\n");
  }

  @Test
  void listShowsAPageOfJobs() {
    api.on(
        "GET",
        "/v1/jobs",
        json(
            200,
            Map.of(
                "items",
                List.of(
                    job("job-b", "running", 1, 4, 1, 0, "report.docx"),
                    job("job-a", "succeeded", 2, 2, 2, 0, null)),
                "page",
                1,
                "size",
                2,
                "totalItems",
                7,
                "totalPages",
                4)));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("list", "--page", "1", "--size", "2");

    assertThat(outcome.exitCode()).isZero();
    assertThat(api.requests("GET", "/v1/jobs").getFirst().query()).isEqualTo("page=1&size=2");
    assertThat(outcome.out().lines().toList())
        .containsExactly(
            "ID                                    STATUS            SEGMENTS       CREATED        "
                + "       WHAT",
            "job-b                                 running           1/4            2025-03-01T10:00"
                + ":00Z  report.docx",
            "job-a                                 succeeded         2/2            2025-03-01T10:00"
                + ":00Z  2 texts",
            "page 1 of 4 (7 jobs); next: translate list --page 2");
  }

  @Test
  void apiOptionsAreTakenAfterTheSubcommandToo() {
    api.on("GET", "/v1/jobs/job-1", json(200, job("job-1", "queued", 1, 1, 0, 0, null)));

    CliRun.Outcome outcome =
        new CliRun(folder)
            .run(
                "status",
                "job-1",
                "--api-url",
                api.url().toString(),
                "--api-key",
                FakeTranslationApi.KEY);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).contains("status    queued");
  }
}
