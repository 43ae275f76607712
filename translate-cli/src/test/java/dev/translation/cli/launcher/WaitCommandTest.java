package dev.translation.cli.launcher;

import static dev.translation.cli.FakeHttpApi.json;
import static dev.translation.cli.FakeHttpApi.problem;
import static dev.translation.cli.launcher.FakeLauncherApi.batch;
import static dev.translation.cli.launcher.FakeLauncherApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.cli.CliRun;
import dev.translation.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitCommandTest {

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
  void waitShowsProgressLinesUntilTheBatchSucceeds() {
    Map<String, Object> reading =
        with(batch("b1", "running", 2, 0, 0, 0), "shardStates", List.of(shard(0, "read")));
    launcher.on(
        "GET",
        "/v1/batches/b1",
        json(200, batch("b1", "queued", 2, 0, 0, 0)),
        json(200, reading),
        json(200, batch("b1", "running", 2, 1000, 500, 0)),
        json(200, batch("b1", "succeeded", 2, 1000, 1000, 0)));
    CliRun run = launcher.cli(folder);

    CliRun.Outcome outcome = run.run("wait", "b1");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.errLines())
        .containsExactly(
            "batch b1: queued, shards 0/2 done, 0/0 segments (0%)",
            "batch b1: running, shards 0/2 done, phase read, 0/0 segments (0%)",
            "batch b1: running, shards 0/2 done, phase await, 500/1000 segments (50%), ETA 2s",
            "batch b1: succeeded, shards 2/2 done, 1000/1000 segments (100%)",
            "batch b1 succeeded",
            "output: out/big (on the launcher's output volume)");
    assertThat(run.pauses())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @CsvSource({
    "partially_failed, 4, 12 segments could not be translated",
    "failed, 6, shard 1 failed: line 17 is not valid UTF-8",
    "cancelled, 7, cancelled by its owner"
  })
  void aBatchThatDidNotSucceedExitsWithItsOwnCode(String status, int code, String reason) {
    launcher.on(
        "GET",
        "/v1/batches/b3",
        json(200, batch("b3", "running", 2, 1000, 400, 0)),
        json(200, with(batch("b3", status, 2, 1000, 988, 12), "reason", reason)));

    CliRun.Outcome outcome = launcher.cli(folder).run("wait", "b3");

    assertThat(outcome.exitCode()).isEqualTo(code);
    assertThat(outcome.errLines())
        .endsWith(
            "batch b3 " + status + ": " + reason,
            "output: out/big (on the launcher's output volume)");
  }

  @Test
  void theExitCodesAreThoseDocumented() {
    assertThat(ExitCode.BATCH_PARTIALLY_FAILED).isEqualTo(4);
    assertThat(ExitCode.BATCH_FAILED).isEqualTo(6);
    assertThat(ExitCode.BATCH_CANCELLED).isEqualTo(7);
    assertThat(launcher.cli(folder).run("wait", "--help").out())
        .contains("4   the batch partially failed")
        .contains("6   the batch failed")
        .contains("7   the batch was cancelled");
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlace() {
    launcher.on(
        "GET",
        "/v1/batches/b4",
        json(200, batch("b4", "running", 1, 100, 50, 0)),
        json(200, batch("b4", "succeeded", 1, 100, 100, 0)));

    CliRun.Outcome outcome = launcher.cli(folder).stderrIsTerminal().run("wait", "b4");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.err())
        .startsWith(
            "\rbatch b4 [############------------] 50/100 segments 50% running, shards 0/1 done,"
                + " phase await\r")
        .contains(
            "\rbatch b4 [########################] 100/100 segments 100% succeeded, shards 1/1"
                + " done")
        .endsWith("batch b4 succeeded\noutput: out/big (on the launcher's output volume)\n");
  }

  @Test
  void quietShowsNoProgressButHowAFailedBatchEnded() {
    launcher.on(
        "GET",
        "/v1/batches/b5",
        json(200, batch("b5", "running", 1, 100, 50, 0)),
        json(200, with(batch("b5", "failed", 1, 100, 50, 0), "reason", "out of retries")));

    CliRun.Outcome outcome = launcher.cli(folder).run("wait", "b5", "-q");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.BATCH_FAILED);
    assertThat(outcome.errLines())
        .containsExactly(
            "batch b5 failed: out of retries", "output: out/big (on the launcher's output volume)");
  }

  @Test
  void aLauncherBrieflyUnreachableDoesNotEndTheWait() {
    launcher.on(
        "GET",
        "/v1/batches/b6",
        json(200, batch("b6", "running", 1, 100, 10, 0)),
        problem(503, "the launcher is restarting"),
        problem(503, "the launcher is restarting"),
        json(200, batch("b6", "succeeded", 1, 100, 100, 0)));

    CliRun.Outcome outcome = launcher.cli(folder).run("wait", "b6");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.errLines())
        .containsOnlyOnce("the launcher is restarting; trying again for up to 5 minutes")
        .contains("batch b6 succeeded");
    assertThat(launcher.requests("GET", "/v1/batches/b6")).hasSize(4);
  }

  @Test
  void aLauncherUnreachableForFiveMinutesEndsTheWait() {
    launcher.on(
        "GET",
        "/v1/batches/b7",
        json(200, batch("b7", "running", 1, 100, 10, 0)),
        problem(503, "the launcher is restarting"));
    CliRun run = launcher.cli(folder);

    CliRun.Outcome outcome = run.run("wait", "b7");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(outcome.errLines()).last().isEqualTo("launcher: the launcher is restarting");
    Duration waited = run.pauses().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(4));
  }

  @Test
  void anUnknownBatchIsRefused() {
    launcher.on("GET", "/v1/batches/nope", problem(404, "no batch nope"));

    CliRun.Outcome outcome = launcher.cli(folder).run("wait", "nope");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.err()).isEqualTo("launcher: no batch nope\n");
  }

  private static Map<String, Object> shard(int index, String phase) {
    Map<String, Object> shard = new java.util.LinkedHashMap<>();
    shard.put("index", index);
    shard.put("status", "running");
    shard.put("phase", phase);
    shard.put("attempts", 1);
    shard.put("itemsRead", 100);
    shard.put("itemsTotal", null);
    shard.put("segmentsTotal", 0);
    shard.put("segmentsDone", 0);
    shard.put("segmentsFailed", 0);
    return shard;
  }
}
