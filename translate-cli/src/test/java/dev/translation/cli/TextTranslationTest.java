package dev.translation.cli;

import static dev.translation.cli.FakeTranslationApi.done;
import static dev.translation.cli.FakeTranslationApi.failed;
import static dev.translation.cli.FakeTranslationApi.job;
import static dev.translation.cli.FakeTranslationApi.json;
import static dev.translation.cli.FakeTranslationApi.problem;
import static dev.translation.cli.FakeTranslationApi.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTranslationTest {

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
  void textsFromArgumentsPrintTheirTranslationsInOrder() {
    api.on(
        "POST",
        "/v1/translations",
        json(
            200,
            result(
                job("job-t", "succeeded", 2, 2, 2, 0, null),
                List.of(done(0, "I am hungry."), done(1, "Where is the station?")))));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("--to", "en", "Ich habe Hunger.", "Wo ist der Bahnhof?");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("I am hungry.\nWhere is the station?\n");
    assertThat(outcome.err()).isEmpty();
    FakeTranslationApi.Request submit = api.requests("POST", "/v1/translations").getFirst();
    assertThat(submit.query()).isEqualTo("wait=5000ms");
    assertThat(submit.header("Content-Type")).isEqualTo("application/json");
    assertThat(submit.header("Idempotency-Key")).isNotBlank();
    assertThat(FakeTranslationApi.JSON.readValue(submit.body(), Map.class))
        .isEqualTo(
            Map.of(
                "texts", List.of("Ich habe Hunger.", "Wo ist der Bahnhof?"),
                "source", "de",
                "target", "en"));
  }

  @Test
  void textsNotFinishedWithinTheWaitArePolledForThenPrinted() {
    api.on("POST", "/v1/translations", json(202, job("job-t", "queued", 1, 1, 0, 0, null)))
        .on(
            "GET",
            "/v1/jobs/job-t",
            json(200, job("job-t", "running", 1, 1, 0, 0, null)),
            json(200, job("job-t", "succeeded", 1, 1, 1, 0, null)))
        .on(
            "GET",
            "/v1/jobs/job-t/result",
            json(
                200,
                result(
                    job("job-t", "succeeded", 1, 1, 1, 0, null),
                    List.of(done(0, "Good morning")))));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("--to", "en", "--priority", "batch", "Guten Morgen");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("Good morning\n");
    assertThat(outcome.errLines())
        .containsExactly(
            "1 text: job job-t",
            "1 text: running, 0/1 segments (0%)",
            "1 text: succeeded, 1/1 segments (100%)");
    assertThat(api.requests("POST", "/v1/translations").getFirst().bodyText())
        .contains("\"priority\":\"batch\"");
  }

  @Test
  void standardInputIsOneTextPerLine() {
    api.on(
        "POST",
        "/v1/translations",
        json(
            200,
            result(
                job("job-s", "succeeded", 3, 2, 2, 0, null),
                List.of(done(0, "I am tired."), done(1, ""), done(2, "Thank you.")))));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).stdin("Ich bin müde.\n\nDanke schön.\n").run("--to", "en");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("I am tired.\n\nThank you.\n");
    assertThat(
            FakeTranslationApi.JSON.readValue(
                api.requests("POST", "/v1/translations").getFirst().body(), Map.class))
        .containsEntry("texts", List.of("Ich bin müde.", "", "Danke schön."));
  }

  @Test
  void aTextThatFailedPrintsAnEmptyLineAndSaysWhy() {
    api.on(
        "POST",
        "/v1/translations",
        json(
            200,
            result(
                job("job-p", "partially_failed", 2, 2, 1, 1, null),
                List.of(done(0, "I am hungry."), failed(1, "sentence 1: too long")))));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).stdin("Ich habe Hunger.\nxxxx\n").run("--to", "en");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
    assertThat(outcome.out()).isEqualTo("I am hungry.\n\n");
    assertThat(outcome.errLines()).containsExactly("text 2 failed: sentence 1: too long");
  }

  @Test
  void aRefusedRequestPrintsTheApisDetail() {
    api.on(
        "POST",
        "/v1/translations",
        problem(422, "unsupported language pair fr-en; supported: de-en"));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("--from", "fr", "--to", "en", "Bonjour");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.errLines())
        .containsExactly("unsupported language pair fr-en; supported: de-en");
  }

  @Test
  void aMissingFileNameIsTranslatedAsTextWithAWarning() {
    api.on(
        "POST",
        "/v1/translations",
        json(
            200,
            result(job("job-w", "succeeded", 1, 1, 1, 0, null), List.of(done(0, "report.docx")))));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("--to", "en", "report.docx");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.errLines())
        .containsExactly("no file report.docx here; translating it as a text");
  }

  @Test
  void noWaitPrintsTheTextJobsId() {
    api.on("POST", "/v1/translations", json(202, job("job-n", "queued", 1, 1, 0, 0, null)));

    CliRun.Outcome outcome =
        CliRun.against(api, folder).run("--to", "en", "--no-wait", "Guten Morgen");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("job-n\n");
    assertThat(api.requests("POST", "/v1/translations").getFirst().query()).isNull();
  }

  @Test
  void nothingToTranslateIsAUsageError() {
    CliRun.Outcome fromTerminal = CliRun.against(api, folder).run("--to", "en");
    CliRun.Outcome emptyInput = CliRun.against(api, folder).stdin("").run("--to", "en");

    assertThat(fromTerminal.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(fromTerminal.err()).contains("nothing to translate");
    assertThat(emptyInput.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(emptyInput.err()).contains("standard input is empty");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void anUnreachableApiExitsWithFive() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CliRun.Outcome outcome =
        CliRun.against(api, folder)
            .variable(ApiAccess.URL_VARIABLE, "http://127.0.0.1:" + closedPort)
            .run("--to", "en", "Hallo");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(outcome.err())
        .isEqualTo(
            "translate: cannot reach the API at http://127.0.0.1:"
                + closedPort
                + ": connection refused (is it running?)\n");
  }

  @Test
  void aServerErrorExitsWithFiveAndItsDetail() {
    api.on(
        "POST", "/v1/translations", problem(500, "internal error", Map.of("reference", "err-42")));

    CliRun.Outcome outcome = CliRun.against(api, folder).run("--to", "en", "Hallo");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(outcome.err()).isEqualTo("translate: internal error (reference err-42)\n");
  }

  @Test
  void overTheRateLimitTheSubmitIsRetriedAfterTheAdvisedPause() {
    FakeTranslationApi.Answer limited = problem(429, "over 120 requests per minute");
    api.on(
        "POST",
        "/v1/translations",
        new FakeTranslationApi.Answer(
            limited.status(),
            Map.of("Content-Type", "application/problem+json", "Retry-After", "7"),
            limited.body()),
        json(200, result(job("job-r", "succeeded", 1, 1, 1, 0, null), List.of(done(0, "Hello")))));

    CliRun cli = CliRun.against(api, folder);
    CliRun.Outcome outcome = cli.run("--to", "en", "Hallo");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("Hello\n");
    assertThat(outcome.errLines()).containsExactly("over 120 requests per minute; retrying in 7s");
    assertThat(cli.pauses()).containsExactly(java.time.Duration.ofSeconds(7));
    List<FakeTranslationApi.Request> submits = api.requests("POST", "/v1/translations");
    assertThat(submits).hasSize(2);
    assertThat(submits.get(1).header("Idempotency-Key"))
        .isEqualTo(submits.get(0).header("Idempotency-Key"));
  }
}
