package dev.translation.localmode;

import dev.translation.contracts.MetricNames;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.EngineOptions;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.training.benchmark.ConcurrentCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine alone, called the way a batch-lane worker calls it: greedy, calls of {@code callSize}
 * texts, {@code callers} calls at once, {@code threadsPerCall} libtorch threads each. The pipeline
 * benchmarks divide their throughput by its rate on the same texts in the same run, because this
 * machine's speed moves by a quarter between runs hours apart; and they start the batch worker with
 * {@link #workerEnvironment()}, so that both call the model alike.
 *
 * @param model the model bundle
 * @param callSize texts per engine call (the worker's {@code batching.max-segments})
 * @param callers engine calls at once (the worker's {@code consumer.concurrency})
 * @param threadsPerCall libtorch threads per call (the worker's {@code model-threads-per-call})
 */
record EngineBaseline(Path model, int callSize, int callers, int threadsPerCall) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * What the engine alone did.
   *
   * @param perSecond texts translated per second of wall time
   * @param seconds wall time
   * @param callSeconds time inside the calls, summed over the callers
   * @param modelId the bundle's identity, as the workers record it with each segment
   */
  record Measurement(double perSecond, double seconds, double callSeconds, String modelId) {}

  /** Translates the texts after a warm-up of one call per caller, and times it. */
  Measurement measure(List<String> texts) throws Exception {
    EngineOptions options = EngineOptions.defaults().withThreadsPerCall(threadsPerCall);
    try (TranslationEngine engine = TranslationEngine.open(model, options)) {
      List<String> warmUp = texts.subList(0, Math.min(texts.size(), callSize));
      ConcurrentCalls.run(
          engine, Collections.nCopies(callers, warmUp), DecodeOptions.greedy(), callers);
      long start = System.nanoTime();
      ConcurrentCalls.Totals totals =
          ConcurrentCalls.run(
              engine, ConcurrentCalls.split(texts, callSize), DecodeOptions.greedy(), callers);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Measurement(
          texts.size() / seconds, seconds, totals.callSeconds(), engine.manifest().id());
    }
  }

  /** How the engine is called, for the benchmarks' reports. */
  String description() {
    return String.format(
        Locale.ROOT,
        "greedy, calls of %d segments, %d at once, %d libtorch thread(s) each",
        callSize,
        callers,
        threadsPerCall);
  }

  /** The worker's configuration that makes it call the model as {@link #measure} does. */
  Map<String, String> workerEnvironment() {
    return Map.of(
        "TRANSLATION_WORKER_BATCHING_MAXSEGMENTS", Integer.toString(callSize),
        "TRANSLATION_WORKER_CONSUMER_CONCURRENCY", Integer.toString(callers),
        "TRANSLATION_WORKER_MODELTHREADSPERCALL", Integer.toString(threadsPerCall));
  }

  /**
   * A worker's model calls so far, from its Prometheus endpoint: compared with {@link
   * Measurement#callSeconds()}, they show whether the pipeline gave the model more or less work
   * than the engine alone had, and in calls of what size.
   *
   * @param calls model calls
   * @param texts distinct texts in them
   * @param seconds time inside them, summed over the worker's threads
   */
  record WorkerCalls(long calls, double texts, double seconds) {

    /** What happened between an earlier look and this one. */
    WorkerCalls since(WorkerCalls before) {
      return new WorkerCalls(calls - before.calls, texts - before.texts, seconds - before.seconds);
    }
  }

  static WorkerCalls workerCalls(int workerPort) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + workerPort + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> lines = response.body().lines().toList();
    String latency = MetricNames.MODEL_LATENCY.replace('.', '_') + "_seconds";
    String size = MetricNames.BATCH_SIZE.replace('.', '_');
    return new WorkerCalls(
        Math.round(sum(lines, latency + "_count")),
        sum(lines, size + "_sum"),
        sum(lines, latency + "_sum"));
  }

  /** The sum of a metric's series (one per set of tags). */
  private static double sum(List<String> prometheusLines, String name) {
    return prometheusLines.stream()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
