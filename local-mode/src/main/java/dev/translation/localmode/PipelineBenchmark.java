package dev.translation.localmode;

import dev.translation.training.benchmark.PeakMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/benchmark-pipeline}: end-to-end throughput of a large job through API, Kafka, worker
 * and MySQL as a ratio of the engine's own throughput on the same sentences in the same run;
 * latency of single-sentence jobs; and the plumbing's own ceiling with the model replaced by an
 * identity translation (a benchmark-only worker switch).
 */
@Command(
    name = "benchmark-pipeline",
    mixinStandardHelpOptions = true,
    description = "Measures the pipeline against the engine alone, on this machine.")
public final class PipelineBenchmark implements Callable<Integer> {

  private static final Set<String> TERMINAL =
      Set.of("succeeded", "partially_failed", "failed", "cancelled");

  @Option(names = "--repository", defaultValue = ".")
  Path repository;

  @Option(names = "--model", defaultValue = "models/de-en-starter/4")
  Path model;

  @Option(names = "--sentences", defaultValue = "test-sets/ding-sentences-test.tsv")
  Path sentences;

  @Option(
      names = "--segments",
      defaultValue = "10000",
      description = "Segments in the big job (default: ${DEFAULT-VALUE})")
  int segments;

  @Option(
      names = "--call-size",
      defaultValue = "256",
      description =
          "Segments per engine call, for the engine alone and the worker alike (the worker's"
              + " translation.worker.batching.max-segments; default: ${DEFAULT-VALUE})")
  int callSize;

  @Option(
      names = "--callers",
      description =
          "Engine calls running at once, for the engine alone and the worker alike (the worker's"
              + " translation.worker.consumer.concurrency; default: one per core)")
  Integer callers;

  @Option(
      names = "--threads-per-call",
      defaultValue = "1",
      description =
          "libtorch threads per call, for the engine alone and the worker alike (the worker's"
              + " translation.worker.model-threads-per-call; default: ${DEFAULT-VALUE})")
  int threadsPerCall;

  @Option(names = "--latency-requests", defaultValue = "200")
  int latencyRequests;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (callers == null) {
      callers = Runtime.getRuntime().availableProcessors();
    }
    List<String> texts =
        BenchmarkCorpus.suffixedCopies(BenchmarkCorpus.sources(sentences), segments);
    System.out.printf(
        Locale.ROOT,
        "%d segments (distinct) from %s; %d cores%n",
        texts.size(),
        sentences,
        Runtime.getRuntime().availableProcessors());

    EngineBaseline baseline = new EngineBaseline(model, callSize, callers, threadsPerCall);
    double engineRate = baseline.measure(texts).perSecond();
    System.out.printf(
        Locale.ROOT, "engine alone (%s): %.1f segments/s%n", baseline.description(), engineRate);

    Result model = runPipeline(baseline, texts, false);
    System.out.printf(
        Locale.ROOT,
        "pipeline (API -> Kafka -> worker -> MySQL): %.1f segments/s = %.2f x the engine%n",
        model.segmentsPerSecond(),
        model.segmentsPerSecond() / engineRate);
    printWhereTheTimeWent(model);
    System.out.printf(
        Locale.ROOT,
        "single-sentence jobs (submit with ?wait), %d sequential requests: p50 %.0f ms, p95 %.0f"
            + " ms, p99 %.0f ms%n",
        latencyRequests,
        model.p50(),
        model.p95(),
        model.p99());

    Result identity = runPipeline(baseline, texts, true);
    System.out.printf(
        Locale.ROOT,
        "pipeline with identity translation (plumbing ceiling): %.1f segments/s; single-sentence"
            + " p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n",
        identity.segmentsPerSecond(),
        identity.p50(),
        identity.p95(),
        identity.p99());
    printWhereTheTimeWent(identity);
    return 0;
  }

  private static void printWhereTheTimeWent(Result result) {
    StringBuilder cpu = new StringBuilder();
    result
        .cpu()
        .forEach(
            (process, used) ->
                cpu.append(
                    String.format(Locale.ROOT, ", %s %.1f", process, used.toMillis() / 1e3)));
    System.out.printf(
        Locale.ROOT,
        "  during the big job: %.1f s wall; the batch worker's calls spent %.1f s in the model"
            + " (summed over its consumer threads) and it peaked at %s resident; CPU seconds"
            + " per process: %s%n",
        result.wallSeconds(),
        result.modelSeconds(),
        result.workerPeak(),
        cpu.substring(2));
  }

  private static void waitUntilDone(PipelineClient client, List<String> jobs) throws Exception {
    for (String job : jobs) {
      while (!TERMINAL.contains(client.job(job).body().get("status").asString())) {
        Thread.sleep(250);
      }
    }
  }

  private record Result(
      double segmentsPerSecond,
      double wallSeconds,
      double modelSeconds,
      Map<String, Duration> cpu,
      String workerPeak,
      double p50,
      double p95,
      double p99) {}

  private Result runPipeline(EngineBaseline baseline, List<String> texts, boolean identity)
      throws Exception {
    Path data = Files.createTempDirectory("pipeline-benchmark");
    int batchWorkerPort = AppProcess.freePort();
    Map<String, String> environment = new HashMap<>();
    environment.put("TRANSLATION_API_LIMITS_REQUESTSPERMINUTE", "1000000");
    environment.putAll(baseline.workerEnvironment());
    if (identity) {
      environment.put("TRANSLATION_WORKER_IDENTITY_TRANSLATION", "true");
    }
    try (LocalPipeline pipeline =
        new LocalPipeline(
                new LocalPipeline.Settings(
                    data,
                    repository.toAbsolutePath(),
                    model.toAbsolutePath(),
                    AppProcess.freePort(),
                    List.of(AppProcess.freePort(), batchWorkerPort),
                    null,
                    null,
                    environment,
                    null))
            .start()) {
      PipelineClient client = new PipelineClient(pipeline.apiUrl(), pipeline.apiKey());
      // Warm-up, as the engine alone had one: a single sentence through the interactive lane, and
      // one full model call per consumer through the batch lane (texts the big job does not have,
      // so the translation memory cannot serve it).
      client.submit(List.of("Guten Morgen."), "?wait=10s");
      List<String> warmUp = new ArrayList<>();
      for (String text : texts.subList(0, Math.min(texts.size(), callers * callSize))) {
        warmUp.add(text + " [warm-up]");
      }
      waitUntilDone(client, List.of(client.submit(warmUp, "").body().get("id").asString()));

      Map<Long, String> names = new HashMap<>();
      for (AppProcess app : List.of(pipeline.api(), pipeline.worker(0), pipeline.worker(1))) {
        names.put(app.pid(), app.name());
      }
      if (pipeline.kafka() != null) {
        names.put(pipeline.kafka().pid(), "kafka");
      }
      Map<String, Duration> cpuBefore = CpuUsage.snapshot(names);
      double modelBefore = EngineBaseline.workerCalls(batchWorkerPort).seconds();
      long start = System.nanoTime();
      List<String> jobs = new ArrayList<>();
      for (int from = 0; from < texts.size(); from += 1000) {
        PipelineClient.Reply reply =
            client.submit(texts.subList(from, Math.min(texts.size(), from + 1000)), "");
        if (reply.status() != 202) {
          throw new IllegalStateException(
              "submit answered " + reply.status() + ": " + reply.body());
        }
        jobs.add(reply.body().get("id").asString());
      }
      waitUntilDone(client, jobs);
      double wall = (System.nanoTime() - start) / 1e9;
      Map<String, Duration> cpu = CpuUsage.between(cpuBefore, CpuUsage.snapshot(names));
      double model = EngineBaseline.workerCalls(batchWorkerPort).seconds() - modelBefore;
      String workerPeak = PeakMemory.resident(pipeline.worker(1).pid());

      double[] latencies = new double[latencyRequests];
      for (int i = 0; i < latencyRequests; i++) {
        String sentence = texts.get(i) + " [" + (identity ? "i" : "m") + i + "]";
        long sent = System.nanoTime();
        PipelineClient.Reply reply = client.submit(List.of(sentence), "?wait=10s");
        latencies[i] = (System.nanoTime() - sent) / 1e6;
        if (reply.status() != 200) {
          throw new IllegalStateException(
              "a single sentence did not finish within 10 s: " + reply.body());
        }
      }
      Latencies latency = Latencies.of(latencies);
      return new Result(
          texts.size() / wall,
          wall,
          model,
          cpu,
          workerPeak,
          latency.p50(),
          latency.p95(),
          latency.p99());
    }
  }
}
