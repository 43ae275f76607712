package dev.translation.cli.launcher;

import static dev.translation.cli.FakeHttpApi.json;
import static dev.translation.cli.FakeHttpApi.problem;
import static dev.translation.cli.FakeHttpApi.text;
import static dev.translation.cli.launcher.FakeLauncherApi.batch;
import static dev.translation.cli.launcher.FakeLauncherApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.cli.CliRun;
import dev.translation.cli.ExitCode;
import dev.translation.cli.FakeHttpApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSubcommandsTest {

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
  void listRendersATableOfTheNewestBatches() {
    launcher.on(
        "GET",
        "/v1/batches",
        json(
            200,
            page(
                "c2",
                with(batch("b-running", "running", 2, 1000, 400, 0), "attempts", 3),
                with(batch("b-failed", "failed", 2, 600, 300, 0), "output", "out/2024/corpus"))));

    CliRun.Outcome outcome = launcher.cli(folder).run("list", "--limit", "2");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("GET", "/v1/batches").getFirst().query()).isEqualTo("limit=2");
    assertThat(outcome.out().lines().toList())
        .containsExactly(
            "ID         STATUS   SEGMENTS  %    SHARDS              ATTEMPTS  STARTED     "
                + "          FINISHED              OUTPUT",
            "b-running  running  400/1000  40%  0/2 done            3         2025-03-01T10:00:05Z"
                + "  -                     out/big",
            "b-failed   failed   300/600   50%  0/2 done, 2 failed  2         2025-03-01T10:00:05Z"
                + "  2025-03-01T10:20:00Z  out/2024/corpus",
            "older batches: bin/launcher list --all");
  }

  @Test
  void listAllFollowsTheCursorToTheLastPage() {
    launcher.on(
        "GET",
        "/v1/batches",
        json(200, page("next page", batch("b3", "running", 1, 10, 5, 0))),
        json(200, page(null, batch("b2", "succeeded", 1, 10, 10, 0))));

    CliRun.Outcome outcome = launcher.cli(folder).run("list", "--all", "--limit", "1");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("GET", "/v1/batches"))
        .extracting(FakeHttpApi.Request::query)
        .containsExactly("limit=1", "limit=1&cursor=next page");
    assertThat(outcome.out().lines().skip(1).map(line -> line.split(" ")[0]).toList())
        .containsExactly("b3", "b2");
  }

  @Test
  void listWithoutBatchesSaysSo() {
    launcher.on("GET", "/v1/batches", json(200, page(null)));

    CliRun.Outcome outcome = launcher.cli(folder).run("list");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("GET", "/v1/batches").getFirst().query()).isEqualTo("limit=20");
    assertThat(outcome.out()).isEqualTo("no batches\n");
  }

  @Test
  void showPrintsTheBatchWithItsShardsAndReasons() {
    Map<String, Object> running = batch("b7k2", "running", 2, 1000, 400, 1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shards = (List<Map<String, Object>>) running.get("shardStates");
    Map<String, Object> retried = new LinkedHashMap<>(shards.get(1));
    retried.put("phase", "read");
    retried.put("attempts", 2);
    retried.put("itemsTotal", null);
    retried.put("reason", "attempt 1: pod evicted");
    launcher.on(
        "GET",
        "/v1/batches/b7k2",
        json(
            200,
            with(
                running,
                "format",
                "tsv",
                "field",
                "2",
                "header",
                true,
                "input",
                "corpora/big.tsv",
                "executor",
                "kubernetes",
                "shardStates",
                List.of(shards.get(0), retried))));

    CliRun.Outcome outcome = launcher.cli(folder).run("show", "b7k2");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo(
            """
            batch     b7k2
            status    running
            input     corpora/big.tsv (tsv, field 2, header)
            output    out/big
            languages de -> en
            priority  normal
            executor  kubernetes
            progress  400/1000 segments translated (40%), 1 failed; 500/500 items read
            shards    2: 0 succeeded, 0 failed, 2 running
            attempts  2
            created   2025-03-01T10:00:00Z
            started   2025-03-01T10:00:05Z
            finished  -
            shard 0   running, phase await: 200/500 segments, 250/250 items read, 1 attempt, job job-b7k2-0
            shard 1   running, phase read: 200/500 segments, 250 items read, 2 attempts, job job-b7k2-1
                      reason: attempt 1: pod evicted
            """);
  }

  @Test
  void showOfAFinishedBatchAddsItsSummary() {
    Map<String, Object> summary = new HashMap<>();
    summary.put("items", 500);
    summary.put("wallSeconds", 1194.5);
    summary.put(
        "segments",
        Map.of("total", 1000, "translated", 988, "fromMemory", 40, "failed", 12, "cancelled", 0));
    summary.put("problems", List.of(Map.of("item", "line 17", "reason", "not valid UTF-8")));
    summary.put(
        "failedSegments",
        java.util.stream.IntStream.range(0, 7)
            .mapToObj(
                i -> Map.of("item", "line " + (i + 1), "source", "Satz " + i, "reason", "timeout"))
            .toList());
    launcher.on(
        "GET",
        "/v1/batches/b8",
        json(
            200,
            with(
                batch("b8", "partially_failed", 1, 1000, 988, 12),
                "reason",
                "12 segments could not be translated",
                "summary",
                summary)));

    CliRun.Outcome outcome = launcher.cli(folder).run("show", "b8");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out().lines().toList())
        .contains(
            "reason    12 segments could not be translated",
            "summary   500 items, 988 of 1000 segments translated (40 from memory), 12 failed,"
                + " 1194.5 s",
            "problem   line 17: not valid UTF-8",
            "failed    line 1 \"Satz 0\": timeout",
            "failed    line 5 \"Satz 4\": timeout",
            "          and 2 more: bin/launcher show b8 --json")
        .doesNotContain("failed    line 6 \"Satz 5\": timeout");
  }

  @Test
  void showJsonPrintsTheBatchAsTheLauncherAnswered() {
    Map<String, Object> batch = batch("b9", "queued", 1, 0, 0, 0);
    launcher.on("GET", "/v1/batches/b9", json(200, batch));

    CliRun.Outcome outcome = launcher.cli(folder).run("show", "b9", "--json");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo(FakeHttpApi.JSON.writeValueAsString(batch) + "\n");
  }

  @Test
  void cancelPrintsTheResultingStatus() {
    launcher.on("DELETE", "/v1/batches/b10", json(200, batch("b10", "cancelled", 2, 1000, 400, 0)));

    CliRun.Outcome outcome = launcher.cli(folder).run("cancel", "b10");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo("batch b10 cancelled: 400 of 1000 segments were translated\n");
    assertThat(launcher.requests("DELETE", "/v1/batches/b10")).hasSize(1);
  }

  @Test
  void cancellingAFinishedBatchPrintsTheProblemsDetail() {
    launcher.on("DELETE", "/v1/batches/b11", problem(409, "batch b11 has already succeeded"));

    CliRun.Outcome outcome = launcher.cli(folder).run("cancel", "b11");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err()).isEqualTo("launcher: batch b11 has already succeeded\n");
  }

  @Test
  void logsPrintsTheTailOfTheChosenShardsLog() {
    launcher.on(
        "GET",
        "/v1/batches/b12/shards/1/log",
        text(200, "10:00:01 reading corpora/big.txt\n10:00:02 read 250 lines"));

    CliRun.Outcome outcome =
        launcher.cli(folder).run("logs", "b12", "--shard", "1", "--lines", "2");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo("10:00:01 reading corpora/big.txt\n10:00:02 read 250 lines\n");
    assertThat(launcher.requests("GET", "/v1/batches/b12/shards/1/log").getFirst().query())
        .isEqualTo("lines=2");
  }

  @Test
  void logsDefaultToTheLastHundredLinesOfShardZero() {
    launcher.on("GET", "/v1/batches/b13/shards/0/log", text(200, "started\n"));

    CliRun.Outcome outcome = launcher.cli(folder).run("logs", "b13");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("started\n");
    assertThat(launcher.requests("GET", "/v1/batches/b13/shards/0/log").getFirst().query())
        .isEqualTo("lines=100");
  }

  @Test
  void logsOfAShardWithoutOnePrintTheProblemsDetail() {
    launcher.on("GET", "/v1/batches/b14/shards/3/log", problem(404, "batch b14 has no shard 3"));

    CliRun.Outcome outcome = launcher.cli(folder).run("logs", "b14", "--shard", "3");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.err()).isEqualTo("launcher: batch b14 has no shard 3\n");
  }

  @Test
  void helpListsTheCommandsAndNoCommandIsAUsageError() {
    CliRun.Outcome help = launcher.cli(folder).run("--help");
    CliRun.Outcome none = launcher.cli(folder).run();

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("launch", "list", "show", "wait", "cancel", "logs", "TRANSLATION_LAUNCHER_URL");
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err())
        .startsWith("name a command: launch, list, show, wait, cancel, logs or model");
    assertThat(launcher.requests()).isEmpty();
  }

  private static Map<String, Object> page(String nextCursor, Map<?, ?>... batches) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("batches", List.of(batches));
    page.put("nextCursor", nextCursor);
    return page;
  }
}
