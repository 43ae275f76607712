package dev.translation.cli.launcher;

import dev.translation.cli.ApiAccess;
import dev.translation.cli.CliRun;
import dev.translation.cli.FakeHttpApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job launcher's {@code /v1/batches} endpoints with canned answers, and batches to answer. */
final class FakeLauncherApi extends FakeHttpApi {

  private FakeLauncherApi() throws IOException {
    super();
  }

  static FakeLauncherApi start() throws IOException {
    return new FakeLauncherApi();
  }

  /** A run of {@code bin/launcher} against this launcher, its URL and key in the environment. */
  CliRun cli(Path workingDirectory) {
    return new CliRun(workingDirectory)
        .command(LauncherCommand::commandLine)
        .variable(LauncherCommand.LAUNCHER.urlVariable(), url().toString())
        .variable(ApiAccess.KEY_VARIABLE, KEY);
  }

  /**
   * A batch of one text corpus in {@code shards} shards as the launcher shows it; the segment
   * counts are split evenly over the shards, and a running batch's unfinished shards are in phase
   * {@code await}. Callers put what else they need.
   */
  static Map<String, Object> batch(
      String id, String status, int shards, long total, long done, long failed) {
    boolean finished = !status.equals("queued") && !status.equals("running");
    List<Map<String, Object>> shardStates = new ArrayList<>();
    int shardsSucceeded = 0;
    int shardsRunning = 0;
    for (int index = 0; index < shards; index++) {
      long shardTotal = total / shards;
      long shardDone = done / shards;
      long shardFailed = failed / shards;
      boolean shardFinished = finished || shardDone + shardFailed == shardTotal && shardTotal > 0;
      String shardStatus =
          status.equals("queued")
              ? "queued"
              : shardFinished ? (finished ? status : "succeeded") : "running";
      shardsSucceeded += shardStatus.equals("succeeded") ? 1 : 0;
      shardsRunning += shardStatus.equals("running") ? 1 : 0;
      Map<String, Object> shard = new LinkedHashMap<>();
      shard.put("index", index);
      shard.put("status", shardStatus);
      shard.put("phase", shardStatus.equals("running") ? "await" : null);
      shard.put("attempts", status.equals("queued") ? 0 : 1);
      shard.put("jobId", status.equals("queued") ? null : "job-" + id + "-" + index);
      shard.put("itemsRead", 250L);
      shard.put("itemsTotal", 250L);
      shard.put("segmentsTotal", shardTotal);
      shard.put("segmentsDone", shardDone);
      shard.put("segmentsFailed", shardFailed);
      shard.put("reason", null);
      shardStates.add(shard);
    }
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("segmentsTotal", total);
    progress.put("segmentsDone", done);
    progress.put("segmentsFailed", failed);
    progress.put("itemsRead", 250L * shards);
    progress.put("itemsTotal", 250L * shards);
    progress.put("shardsSucceeded", shardsSucceeded);
    progress.put("shardsFailed", status.equals("failed") ? shards : 0);
    progress.put("shardsRunning", shardsRunning);
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("id", id);
    batch.put("status", status);
    batch.put("reason", null);
    batch.put("input", "corpora/big.txt");
    batch.put("format", "text");
    batch.put("field", null);
    batch.put("header", false);
    batch.put("output", "out/big");
    batch.put("source", "de");
    batch.put("target", "en");
    batch.put("shards", shards);
    batch.put("priority", "normal");
    batch.put("executor", "local");
    batch.put("progress", progress);
    batch.put("attempts", status.equals("queued") ? 0 : shards);
    batch.put("createdAt", "2025-03-01T10:00:00.123Z");
    batch.put("startedAt", status.equals("queued") ? null : "2025-03-01T10:00:05Z");
    batch.put("finishedAt", finished ? "2025-03-01T10:20:00Z" : null);
    batch.put("shardStates", shardStates);
    batch.put("summary", null);
    return batch;
  }

  /** {@code batch} with some of its fields replaced. */
  static Map<String, Object> with(Map<String, Object> batch, Object... namesAndValues) {
    Map<String, Object> changed = new LinkedHashMap<>(batch);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      changed.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return changed;
  }
}
