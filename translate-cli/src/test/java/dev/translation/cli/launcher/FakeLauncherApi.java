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

/**
 * The job launcher's endpoints with canned answers, and batches, model versions, rollouts and model
 * jobs to answer.
 */
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

  /** A rollout of German to English as the launcher shows it. */
  static Map<String, Object> rollout(
      String active, String canary, Integer canaryPercent, long revision) {
    Map<String, Object> rollout = new LinkedHashMap<>();
    rollout.put("languages", Map.of("source", "de", "target", "en"));
    rollout.put("activeModel", active);
    rollout.put("canaryModel", canary);
    rollout.put("canaryPercent", canaryPercent);
    rollout.put("revision", revision);
    rollout.put("updatedAt", "2025-03-01T09:00:00.5Z");
    return rollout;
  }

  /**
   * A German to English version with the model's and the dictionary baseline's scores on each test
   * set, given as name and the model's chrF in turn.
   */
  static Map<String, Object> version(String modelId, String state, Object... testSetsAndChrf) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < testSetsAndChrf.length; i += 2) {
      metrics.add(
          metric((String) testSetsAndChrf[i], "model beam-4", (double) testSetsAndChrf[i + 1]));
      metrics.add(metric((String) testSetsAndChrf[i], "dictionary-baseline", 23.86));
    }
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("modelId", modelId);
    version.put("name", modelId.substring(0, modelId.indexOf('@')));
    version.put("version", modelId.substring(modelId.indexOf('@') + 1));
    version.put("languages", Map.of("source", "de", "target", "en"));
    version.put("bundleUri", "file:/models/" + modelId.replace('@', '/') + "/");
    version.put("checksums", Map.of("model.json", "ab12", "model.pt", "cd34"));
    version.put("metrics", metrics);
    version.put("lineage", Map.of("basedOn", "de-en-starter@3"));
    version.put("state", state);
    version.put("canaryPercent", state.equals("CANARY") ? 30 : null);
    version.put("launchedBy", "ml-team");
    version.put("registeredAt", "2025-02-20T08:00:00Z");
    version.put("stateChangedAt", "2025-02-21T08:00:00Z");
    return version;
  }

  private static Map<String, Object> metric(String testSet, String system, double chrf) {
    Map<String, Object> metric = new LinkedHashMap<>();
    metric.put("testSet", testSet);
    metric.put("system", system);
    metric.put("sentences", 1246);
    metric.put("bleu", 11.88);
    metric.put("chrf", chrf);
    return metric;
  }

  /** A model job as the launcher shows it; callers put what else they need. */
  static Map<String, Object> modelJob(String id, String status, String phase) {
    boolean finished = List.of("SUCCEEDED", "REJECTED", "FAILED", "CANCELLED").contains(status);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("kind", id.startsWith("retrain") ? "RETRAIN" : "REFRESH");
    job.put("apiKeyId", 1);
    job.put("launchedBy", "ml-team");
    job.put("request", Map.of("languages", "de-en", "then", "candidate"));
    job.put("status", status);
    job.put("phase", phase);
    job.put("progress", null);
    job.put("result", null);
    job.put("modelId", null);
    job.put("reason", null);
    job.put("attempts", status.equals("QUEUED") ? 0 : 1);
    job.put("createdAt", "2025-03-01T10:00:00Z");
    job.put("startedAt", status.equals("QUEUED") ? null : "2025-03-01T10:00:02Z");
    job.put("finishedAt", finished ? "2025-03-01T10:40:00Z" : null);
    return job;
  }

  /** A training progress report. */
  static Map<String, Object> training(long step, long maxSteps, double loss, Long etaSeconds) {
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("step", step);
    progress.put("maxSteps", maxSteps);
    progress.put("epoch", 0.42);
    progress.put("loss", loss);
    progress.put("devLoss", null);
    progress.put("bestDevLoss", null);
    progress.put("tokensPerSecond", 1849.6);
    progress.put("elapsedSeconds", 125);
    progress.put("etaSeconds", etaSeconds);
    progress.put("resumedFromStep", 0);
    return progress;
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
