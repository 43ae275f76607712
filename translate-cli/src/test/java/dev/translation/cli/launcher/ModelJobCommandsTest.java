package dev.translation.cli.launcher;

import static dev.translation.cli.FakeHttpApi.json;
import static dev.translation.cli.FakeHttpApi.problem;
import static dev.translation.cli.FakeHttpApi.text;
import static dev.translation.cli.launcher.FakeLauncherApi.modelJob;
import static dev.translation.cli.launcher.FakeLauncherApi.training;
import static dev.translation.cli.launcher.FakeLauncherApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.cli.CliRun;
import dev.translation.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelJobCommandsTest {

  @TempDir Path folder;
  private FakeLauncherApi launcher;

  @BeforeEach
  void startLauncher() throws IOException {
    launcher = FakeLauncherApi.start();
  }

  @AfterEach
  void stopLauncher() {
    launcher.close();
  }

  @Test
  void refreshSendsTheBundleAndGateOptionsAndPrintsOnlyTheJobsId() {
    launcher.on(
        "POST",
        "/v1/model-jobs/refresh",
        json(
            201,
            with(
                modelJob("refresh-abc", "QUEUED", null),
                "request",
                Map.of("bundleUri", "https://models.example.com/de-en/6/", "then", "promote"))));

    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .run(
                "model",
                "refresh",
                "https://models.example.com/de-en/6/",
                "--sha256",
                "ab".repeat(32),
                "--test-set",
                "ding-test",
                "--test-set",
                "phrases",
                "--gate-margin",
                "0.5",
                "--languages",
                "de-en",
                "--promote");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("refresh-abc\n");
    assertThat(launcher.requests("POST", "/v1/model-jobs/refresh").getFirst().bodyJson())
        .containsExactly(
            Map.entry("bundleUri", "https://models.example.com/de-en/6/"),
            Map.entry("modelJsonSha256", "ab".repeat(32)),
            Map.entry("languages", "de-en"),
            Map.entry("testSets", List.of("ding-test", "phrases")),
            Map.entry("gateMargin", 0.5),
            Map.entry("then", "promote"));
    assertThat(outcome.errLines())
        .containsExactly(
            "model job refresh-abc QUEUED: refresh from https://models.example.com/de-en/6/, then"
                + " promote",
            "follow it: bin/launcher model wait refresh-abc (or model job, model logs, model"
                + " cancel)");
  }

  @Test
  void aBundleGivenAsAPathIsSentAsAnAbsoluteFileUri() throws IOException {
    Files.createDirectories(folder.resolve("bundles/de-en/6"));
    launcher.on("POST", "/v1/model-jobs/refresh", json(201, modelJob("refresh-b", "QUEUED", null)));

    CliRun.Outcome relative =
        launcher.cli(folder).run("model", "refresh", "bundles/de-en/6", "--canary", "20");
    CliRun.Outcome absolute = launcher.cli(folder).run("model", "refresh", "/models/de-en/7");
    CliRun.Outcome uri = launcher.cli(folder).run("model", "refresh", "file:/models/de-en/8/");

    assertThat(List.of(relative, absolute, uri)).allSatisfy(o -> assertThat(o.exitCode()).isZero());
    List<Map<String, Object>> bodies =
        launcher.requests("POST", "/v1/model-jobs/refresh").stream()
            .map(request -> request.bodyJson())
            .toList();
    assertThat(bodies.get(0))
        .containsExactly(
            Map.entry("bundleUri", folder.resolve("bundles/de-en/6").toUri().toString()),
            Map.entry("then", "canary"),
            Map.entry("canaryPercent", 20));
    assertThat(bodies.get(0).get("bundleUri").toString()).startsWith("file:/");
    assertThat(bodies.get(1)).containsEntry("bundleUri", "file:///models/de-en/7");
    assertThat(bodies.get(1)).containsEntry("then", "candidate");
    assertThat(bodies.get(2)).containsEntry("bundleUri", "file:/models/de-en/8/");
  }

  @Test
  void aRelativeBundlePathForALauncherElsewhereIsAUsageError() {
    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .run("model", "refresh", "bundles/x", "--url", "https://launcher.example.com");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err())
        .startsWith(
            "launcher: the launcher at https://launcher.example.com cannot know where bundles/x"
                + " is");
  }

  @Test
  void promoteAndCanaryTogetherAreAUsageErrorAndSendNothing() {
    CliRun.Outcome outcome =
        launcher.cli(folder).run("model", "retrain", "--promote", "--canary", "10");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err())
        .isEqualTo("launcher: --promote and --canary exclude each other: choose one\n");
    assertThat(launcher.requests()).isEmpty();
  }

  @Test
  void retrainSendsOnlyTheOptionsGiven() {
    launcher.on("POST", "/v1/model-jobs/retrain", json(201, modelJob("retrain-x", "QUEUED", null)));

    CliRun.Outcome all =
        launcher
            .cli(folder)
            .run(
                "model",
                "retrain",
                "--base",
                "de-en-starter@4",
                "--corpus",
                "corpora/pairs.tsv",
                "--no-corrections",
                "--held-out-percent",
                "10",
                "--max-steps",
                "500",
                "--max-minutes",
                "30",
                "--version",
                "5-tuned",
                "--canary",
                "25");
    CliRun.Outcome none = launcher.cli(folder).run("model", "retrain", "-q");

    assertThat(all.exitCode()).isZero();
    assertThat(all.out()).isEqualTo("retrain-x\n");
    assertThat(none.exitCode()).isZero();
    assertThat(none.err()).isEmpty();
    List<Map<String, Object>> bodies =
        launcher.requests("POST", "/v1/model-jobs/retrain").stream()
            .map(request -> request.bodyJson())
            .toList();
    assertThat(bodies.get(0))
        .containsExactly(
            Map.entry("baseModel", "de-en-starter@4"),
            Map.entry("corpus", "corpora/pairs.tsv"),
            Map.entry("corrections", false),
            Map.entry("heldOutPercent", 10),
            Map.entry("maxSteps", 500),
            Map.entry("maxMinutes", 30.0),
            Map.entry("version", "5-tuned"),
            Map.entry("then", "canary"),
            Map.entry("canaryPercent", 25));
    assertThat(bodies.get(1)).containsExactly(Map.entry("then", "candidate"));
  }

  @Test
  void aRefusedLaunchPrintsTheProblemsDetail() {
    launcher.on(
        "POST",
        "/v1/model-jobs/retrain",
        problem(403, "this API key may not manage models: create one with --manage-models"));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "retrain");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualTo(
            "launcher: this API key may not manage models: create one with --manage-models\n");
  }

  @Test
  void waitShowsThePhaseThenTrainingProgressUntilTheJobSucceeds() {
    launcher.on(
        "GET",
        "/v1/model-jobs/retrain-x",
        json(200, modelJob("retrain-x", "QUEUED", null)),
        json(200, modelJob("retrain-x", "RUNNING", "collect")),
        json(
            200,
            with(
                modelJob("retrain-x", "RUNNING", "train"),
                "progress",
                training(300, 1000, 2.41234, 370L))),
        json(200, modelJob("retrain-x", "RUNNING", "evaluate")),
        json(
            200,
            with(
                modelJob("retrain-x", "SUCCEEDED", "rollout"),
                "modelId",
                "de-en-starter@5-x",
                "result",
                Map.of("rollout", "promoted"))));
    CliRun run = launcher.cli(folder);

    CliRun.Outcome outcome = run.run("model", "wait", "retrain-x");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.errLines())
        .containsExactly(
            "model job retrain-x: QUEUED",
            "model job retrain-x: RUNNING, phase collect",
            "model job retrain-x: RUNNING, phase train, step 300/1000 (30%), loss 2.412, 1850"
                + " tokens/s, ETA 6m10s",
            "model job retrain-x: RUNNING, phase evaluate",
            "model job retrain-x: SUCCEEDED",
            "model job retrain-x SUCCEEDED",
            "registered de-en-starter@5-x: promoted");
    assertThat(run.pauses())
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));
  }

  @Test
  void trainingLinesAreWrittenAtMostEveryTenSecondsOffATerminal() {
    launcher.on(
        "GET",
        "/v1/model-jobs/retrain-y",
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(1, 9, 3.0, null))),
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(2, 9, 2.9, null))),
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(3, 9, 2.8, null))),
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(4, 9, 2.7, null))),
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(5, 9, 2.6, null))),
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(6, 9, 2.5, null))),
        json(
            200,
            with(modelJob("retrain-y", "RUNNING", "train"), "progress", training(7, 9, 2.4, null))),
        json(200, modelJob("retrain-y", "SUCCEEDED", null)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "wait", "retrain-y");

    // Polled at 0, 1, 3, 5, 7, 9, 11 s: a line at 0 s, the next due at 11 s.
    assertThat(outcome.errLines())
        .containsExactly(
            "model job retrain-y: RUNNING, phase train, step 1/9 (11%), loss 3.000, 1850"
                + " tokens/s",
            "model job retrain-y: RUNNING, phase train, step 7/9 (77%), loss 2.400, 1850"
                + " tokens/s",
            "model job retrain-y: SUCCEEDED",
            "model job retrain-y SUCCEEDED");
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlace() {
    launcher.on(
        "GET",
        "/v1/model-jobs/refresh-t",
        json(200, modelJob("refresh-t", "RUNNING", "evaluate")),
        json(200, modelJob("refresh-t", "SUCCEEDED", null)));

    CliRun.Outcome outcome =
        launcher.cli(folder).stderrIsTerminal().run("model", "wait", "refresh-t");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.err())
        .isEqualTo(
            "\rmodel job refresh-t: RUNNING, phase evaluate"
                + "\rmodel job refresh-t: SUCCEEDED"
                + " ".repeat(14)
                + "\n"
                + "model job refresh-t SUCCEEDED\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "REJECTED | 8 | the gate refused the candidate: ding-test chrF 20.1 < 31.1 - 1.0",
        "FAILED | 6 | model.json's SHA-256 is not the one given",
        "CANCELLED | 7 | cancelled by ml-team"
      })
  void aJobThatDidNotSucceedExitsWithItsOwnCode(String status, int code, String reason) {
    launcher.on(
        "GET",
        "/v1/model-jobs/refresh-r",
        json(200, modelJob("refresh-r", "RUNNING", "gate")),
        json(200, with(modelJob("refresh-r", status, "gate"), "reason", reason)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "wait", "refresh-r", "-q");

    assertThat(outcome.exitCode()).isEqualTo(code);
    assertThat(outcome.errLines())
        .containsExactly(
            "model job refresh-r " + status + ": " + reason,
            "scores and gate: bin/launcher model job refresh-r");
  }

  @Test
  void theModelExitCodesAreThoseDocumented() {
    assertThat(ExitCode.MODEL_REJECTED).isEqualTo(8);
    assertThat(ExitCode.MODEL_JOB_FAILED).isEqualTo(6);
    assertThat(ExitCode.MODEL_JOB_CANCELLED).isEqualTo(7);
  }

  @Test
  void refreshWithWaitWaitsAndExitsWithTheJobsCode() {
    launcher
        .on("POST", "/v1/model-jobs/refresh", json(201, modelJob("refresh-w", "QUEUED", null)))
        .on(
            "GET",
            "/v1/model-jobs/refresh-w",
            json(200, modelJob("refresh-w", "RUNNING", "fetch")),
            json(200, with(modelJob("refresh-w", "REJECTED", "gate"), "reason", "gate refused")));

    CliRun.Outcome outcome =
        launcher.cli(folder).run("model", "refresh", "https://m.example.com/7/", "--wait");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.MODEL_REJECTED);
    assertThat(outcome.out()).isEqualTo("refresh-w\n");
    assertThat(outcome.errLines())
        .contains(
            "model job refresh-w: RUNNING, phase fetch",
            "model job refresh-w REJECTED: gate refused");
  }

  @Test
  void anUnknownJobIsRefused() {
    launcher.on("GET", "/v1/model-jobs/nope", problem(404, "no model job nope"));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "wait", "nope");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.err()).isEqualTo("launcher: no model job nope\n");
  }

  @Test
  void jobsRendersATableOfTheNewest() {
    launcher.on(
        "GET",
        "/v1/model-jobs",
        json(
            200,
            Map.of(
                "jobs",
                List.of(
                    modelJob("retrain-x", "RUNNING", "train"),
                    with(
                        modelJob("refresh-y", "SUCCEEDED", "rollout"),
                        "modelId",
                        "de-en-starter@6")))));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "jobs", "--limit", "2");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("GET", "/v1/model-jobs").getFirst().query()).isEqualTo("limit=2");
    assertThat(outcome.out().lines().toList())
        .containsExactly(
            "ID         KIND     STATUS     PHASE  MODEL            BY       CREATED             "
                + "  FINISHED",
            "retrain-x  RETRAIN  RUNNING    train  -                ml-team  2025-03-01T10:00:00Z"
                + "  -",
            "refresh-y  REFRESH  SUCCEEDED  -      de-en-starter@6  ml-team  2025-03-01T10:00:00Z"
                + "  2025-03-01T10:40:00Z");
  }

  @Test
  void jobShowsProgressWhileItTrains() {
    Map<String, Object> progress = new LinkedHashMap<>(training(300, 1000, 2.41234, 370L));
    progress.put("devLoss", 2.6);
    progress.put("bestDevLoss", 2.55);
    progress.put("resumedFromStep", 200);
    launcher.on(
        "GET",
        "/v1/model-jobs/retrain-x",
        json(
            200,
            with(
                modelJob("retrain-x", "RUNNING", "train"),
                "request",
                Map.of("baseModel", "de-en-starter@4", "corrections", true),
                "progress",
                progress)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "job", "retrain-x");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out().lines().toList())
        .contains(
            "job       retrain-x (RETRAIN)",
            "status    RUNNING",
            "phase     train",
            "progress  step 300/1000 (30%), loss 2.412, 1850 tokens/s, ETA 6m10s, epoch 0.42, dev"
                + " loss 2.600 (best 2.550), 2m05s elapsed, resumed from step 200",
            "launched  by ml-team, 1 attempts");
    assertThat(outcome.out()).contains("baseModel de-en-starter@4").contains("corrections true");
  }

  @Test
  void jobShowsTheScoresAndTheGatesVerdict() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "candidate",
        List.of(
            Map.of("testSet", "ding-test", "system", "model beam-4", "chrf", 20.1, "bleu", 5.2)));
    result.put(
        "active",
        Map.of(
            "model",
            "de-en-starter@4",
            "scores",
            List.of(
                Map.of(
                    "testSet",
                    "ding-test",
                    "system",
                    "model beam-4",
                    "chrf",
                    31.1,
                    "bleu",
                    11.9))));
    result.put(
        "gate", Map.of("passed", false, "findings", List.of("ding-test: chrF 20.1 < 31.1 - 1.0")));
    launcher.on(
        "GET",
        "/v1/model-jobs/refresh-r",
        json(
            200,
            with(
                modelJob("refresh-r", "REJECTED", "gate"),
                "reason",
                "the gate refused the candidate",
                "result",
                result)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "job", "refresh-r");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out().lines().toList())
        .contains(
            "status    REJECTED",
            "reason    the gate refused the candidate",
            "candidate ding-test: chrF 20.1, BLEU 5.2 (model beam-4)",
            "active    de-en-starter@4 ding-test: chrF 31.1, BLEU 11.9 (model beam-4)",
            "gate      refused",
            "          ding-test: chrF 20.1 < 31.1 - 1.0",
            "finished  2025-03-01T10:40:00Z")
        .noneMatch(line -> line.startsWith("phase"));
  }

  @Test
  void cancelPrintsTheJobsStatus() {
    launcher.on(
        "POST",
        "/v1/model-jobs/retrain-x/cancel",
        json(200, modelJob("retrain-x", "CANCELLED", null)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "cancel", "retrain-x");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("model job retrain-x CANCELLED\n");
    assertThat(launcher.requests("POST", "/v1/model-jobs/retrain-x/cancel")).hasSize(1);
  }

  @Test
  void cancellingAFinishedJobPrintsTheProblemsDetail() {
    launcher.on(
        "POST",
        "/v1/model-jobs/retrain-x/cancel",
        problem(409, "model job retrain-x has already succeeded"));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "cancel", "retrain-x");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.err()).isEqualTo("launcher: model job retrain-x has already succeeded\n");
  }

  @Test
  void logsPrintsTheTailOfTheJobsLog() {
    launcher.on(
        "GET",
        "/v1/model-jobs/retrain-x/log",
        text(200, "10:00:01 collecting corrections\n10:00:02 step 1/1000"));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "logs", "retrain-x", "--lines", "2");
    CliRun.Outcome byDefault = launcher.cli(folder).run("model", "logs", "retrain-x");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("10:00:01 collecting corrections\n10:00:02 step 1/1000\n");
    assertThat(byDefault.exitCode()).isZero();
    assertThat(launcher.requests("GET", "/v1/model-jobs/retrain-x/log"))
        .extracting(request -> request.query())
        .containsExactly("lines=2", "lines=100");
  }
}
