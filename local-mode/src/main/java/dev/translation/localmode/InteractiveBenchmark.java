package dev.translation.localmode;

import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.EngineOptions;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/benchmark-interactive}: the pipeline's interactive path (one-sentence submits with
 * {@code ?wait}) against a minimal one-sentence-per-request server on the same model bundle ({@code
 * local-mode/src/main/python/naive_server.py}, two processes, one libtorch thread per call), for
 * each decoding and number of concurrent clients, with the same sentences; and the engine's own
 * single-sentence time, the floor of any single-client latency.
 */
@Command(
    name = "benchmark-interactive",
    mixinStandardHelpOptions = true,
    description =
        "Compares the pipeline's interactive path with a one-sentence-per-request server on the"
            + " same model, on this machine.")
public final class InteractiveBenchmark implements Callable<Integer> {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String NAIVE = "naive server";
  private static final String PIPELINE = "pipeline";
  private static final String CLIENT = CpuUsage.THIS_PROCESS;
  private static final Duration NAIVE_START = Duration.ofMinutes(2);

  /** Share of the CPU other processes may take during a run before its numbers mean little. */
  private static final double DISTURBED = 0.05;

  private static final String ROW = "%-8s %7s  %-8s %7s %7s %7s %7s %8s %11s %8s %7s  %s%n";

  @Option(names = "--repository", defaultValue = ".", description = "Checkout with the built jars")
  Path repository;

  @Option(
      names = "--model",
      defaultValue = "models/de-en-starter/4",
      description =
          "Model bundle both servers and the engine alone use (default: ${DEFAULT-VALUE})")
  Path model;

  @Option(
      names = "--sentences",
      defaultValue = "test-sets/ding-sentences-test.tsv",
      description = "Measured sentences, German in the first column (default: ${DEFAULT-VALUE})")
  Path sentences;

  @Option(
      names = "--warm-up-sentences",
      defaultValue = "test-sets/ding-dev.tsv",
      description = "Warm-up sentences, none of them measured (default: ${DEFAULT-VALUE})")
  Path warmUpSentences;

  @Option(
      names = "--requests",
      defaultValue = "250",
      description =
          "Distinct sentences per measured run; no sentence is sent in two runs (default:"
              + " ${DEFAULT-VALUE})")
  int requests;

  @Option(
      names = "--warm-up",
      defaultValue = "400",
      description =
          "Warm-up requests per server start, enough that the JVMs' compilers are done with the"
              + " request path before anything is measured (default: ${DEFAULT-VALUE})")
  int warmUp;

  @Option(
      names = "--beams",
      split = ",",
      defaultValue = "4,1",
      description = "Beam sizes to measure, 1 = greedy (default: ${DEFAULT-VALUE})")
  List<Integer> beams;

  @Option(
      names = "--clients",
      split = ",",
      defaultValue = "1,8",
      description = "Concurrent clients to measure (default: ${DEFAULT-VALUE})")
  List<Integer> clients;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description = "Interpreter with Debian's python3-torch (default: ${DEFAULT-VALUE})")
  String python;

  @Option(
      names = "--fairness-requests",
      defaultValue = "60",
      description =
          "Sequential one-sentence requests measured idle and again with another key's bulk work"
              + " in flight, on the first decoding (default: ${DEFAULT-VALUE}; 0 skips it)")
  int fairnessRequests;

  /** One measured run: the sentences one decoding and number of clients get, on both servers. */
  private record Run(int beam, int clients, List<String> sentences) {}

  /**
   * The outcome of a run on one server.
   *
   * @param apiCpuMillis CPU milliseconds per request of the submit API (NaN for the naive server)
   * @param workerCpuMillis the same of the interactive worker (NaN for the naive server)
   * @param allCpuMillis the same of all the server's processes
   * @param sameAsNaive how many translations equal the naive server's (-1 for the naive server)
   * @param othersShare share of the machine's CPU time that processes outside the benchmark took
   */
  private record Row(
      String system,
      Run run,
      double perSecond,
      Latencies latency,
      double apiCpuMillis,
      double workerCpuMillis,
      double allCpuMillis,
      int sameAsNaive,
      double othersShare) {}

  /** A run on one server: what the clients saw, and the CPU time each process used. */
  private record Measured(Load load, Map<String, Duration> cpu, double othersShare) {}

  /** Something that translates one sentence per request. */
  @FunctionalInterface
  private interface Server {
    String translate(String sentence) throws Exception;
  }

  /** What the clients saw: wall time of the run, each request's latency and translation. */
  private record Load(double wallSeconds, double[] millis, List<String> translations) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new InteractiveBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long began = System.nanoTime();
    List<String> measured = distinctSources(sentences);
    List<String> warmUps = distinctSources(warmUpSentences);
    int runs = beams.size() * clients.size();
    int warmUpsNeeded = (beams.size() + 1) * warmUp + 2 * fairnessRequests;
    if (measured.size() < runs * requests || warmUps.size() < warmUpsNeeded) {
      System.err.printf(
          Locale.ROOT,
          "%d runs of %d sentences need %d distinct sentences in %s (it has %d) and %d in %s (it"
              + " has %d): lower --requests, --warm-up or --fairness-requests%n",
          runs,
          requests,
          runs * requests,
          sentences,
          measured.size(),
          warmUpsNeeded,
          warmUpSentences,
          warmUps.size());
      return 2;
    }
    List<Run> plan = new ArrayList<>();
    for (int beam : beams) {
      for (int count : clients) {
        int from = plan.size() * requests;
        plan.add(new Run(beam, count, measured.subList(from, from + requests)));
      }
    }
    Map<Integer, Latencies> engine = engineAlone(plan, warmUps.subList(0, warmUp));
    printHeader(engine);

    Path work = Files.createTempDirectory("interactive-benchmark");
    List<Row> rows = new ArrayList<>();
    int fairnessFrom = (beams.size() + 1) * warmUp;
    List<String> fairnessSentences =
        warmUps.subList(fairnessFrom, fairnessFrom + 2 * fairnessRequests);
    List<String> fairnessReport = new ArrayList<>();
    try {
      for (int i = 0; i < beams.size(); i++) {
        int beam = beams.get(i);
        List<String> serverWarmUps = warmUps.subList((i + 1) * warmUp, (i + 2) * warmUp);
        List<Run> beamRuns = plan.stream().filter(run -> run.beam() == beam).toList();
        List<String> fairnessHere = i == 0 ? fairnessSentences : List.of();
        for (Row row : measure(beam, beamRuns, serverWarmUps, fairnessHere, fairnessReport, work)) {
          print(row);
          rows.add(row);
        }
      }
    } catch (Exception failed) {
      Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
      System.err.println(
          "benchmark failed: "
              + (cause instanceof IllegalStateException ? cause.getMessage() : cause.toString()));
      System.err.println("data and logs kept in " + work);
      return 1;
    }
    deleteRecursively(work);

    printOtherProcesses(rows);
    fairnessReport.forEach(System.out::println);
    printTargets(rows, engine);
    long seconds = Math.round((System.nanoTime() - began) / 1e9);
    System.out.printf(Locale.ROOT, "took %d min %d s%n", seconds / 60, seconds % 60);
    return 0;
  }

  private void printHeader(Map<Integer, Latencies> engine) {
    System.out.printf(
        Locale.ROOT,
        "%d distinct sentences per run from %s, none sent in two runs; %d warm-up requests per"
            + " server from %s; %d cores, everything on this machine%n",
        requests,
        sentences,
        warmUp,
        warmUpSentences,
        Runtime.getRuntime().availableProcessors());
    List<String> engineTimes = new ArrayList<>();
    engine.forEach(
        (beam, latency) ->
            engineTimes.add(
                String.format(
                    Locale.ROOT,
                    "%s p50 %.0f ms, p95 %.0f ms",
                    decoding(beam),
                    latency.p50(),
                    latency.p95())));
    System.out.println(
        "engine alone (in-process, one sentence per call, 1 libtorch thread): "
            + String.join("; ", engineTimes));
    System.out.println(
        "cpu: CPU ms per request of the submit API, of the interactive worker, and of all the"
            + " server's processes (pipeline: API, both workers, Kafka, MariaDB); others: share of"
            + " the machine's CPU time processes outside this benchmark took during the run; same"
            + " output: translations equal to the naive server's");
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        ROW,
        "decoding",
        "clients",
        "system",
        "sent/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "API cpu",
        "worker cpu",
        "all cpu",
        "others",
        "same output");
  }

  /** German sources in file order, each once: a repeat would be answered by the memory. */
  private static List<String> distinctSources(Path file) throws IOException {
    Set<String> sources = new LinkedHashSet<>();
    for (SentencePair pair : TsvCorpusReader.read(file)) {
      sources.add(pair.source());
    }
    return List.copyOf(sources);
  }

  /**
   * The engine's own time for one sentence per call, called as the interactive worker calls it (one
   * libtorch thread per call), on the sentences the servers get with that decoding.
   */
  private Map<Integer, Latencies> engineAlone(List<Run> plan, List<String> warmUps) {
    Map<Integer, Latencies> latencies = new LinkedHashMap<>();
    try (TranslationEngine engine =
        TranslationEngine.open(model, EngineOptions.defaults().withThreadsPerCall(1))) {
      for (int beam : beams) {
        DecodeOptions decode = DecodeOptions.beam(beam);
        warmUps.forEach(sentence -> engine.translate(sentence, decode));
        List<String> texts =
            plan.stream()
                .filter(run -> run.beam() == beam)
                .flatMap(run -> run.sentences().stream())
                .toList();
        double[] millis = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
          long start = System.nanoTime();
          engine.translate(texts.get(i), decode);
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        latencies.put(beam, Latencies.of(millis));
      }
    }
    return latencies;
  }

  /**
   * Starts the pipeline and the naive server with one decoding, warms both up, and measures each
   * run on both, the naive server first.
   */
  private List<Row> measure(
      int beam,
      List<Run> runs,
      List<String> warmUps,
      List<String> fairnessSentences,
      List<String> fairnessReport,
      Path work)
      throws Exception {
    Path data = work.resolve("pipeline-" + decoding(beam).replace(' ', '-'));
    Map<String, String> environment = new HashMap<>();
    // Limits meant for a person's use, which a benchmark exceeds: past them, requests would be
    // refused or their jobs moved to the batch lane.
    environment.put("TRANSLATION_API_LIMITS_REQUESTSPERMINUTE", "1000000");
    environment.put("TRANSLATION_API_LANES_INTERACTIVESEGMENTSPERMINUTE", "1000000");
    environment.put("TRANSLATION_WORKER_DECODING_BEAMSIZE", Integer.toString(beam));
    LocalPipeline pipeline =
        new LocalPipeline(
            new LocalPipeline.Settings(
                data,
                repository.toAbsolutePath(),
                model.toAbsolutePath(),
                AppProcess.freePort(),
                List.of(AppProcess.freePort(), AppProcess.freePort()),
                null,
                null,
                environment,
                null));
    int naivePort = AppProcess.freePort();
    AppProcess naiveProcess =
        new AppProcess(
            "naive-server",
            List.of(
                python,
                repository.resolve("local-mode/src/main/python/naive_server.py").toString(),
                "--bundle",
                model.toAbsolutePath().toString(),
                "--beam",
                Integer.toString(beam),
                "--port",
                Integer.toString(naivePort),
                "--workers",
                "2"),
            // Keeps the checkout free of __pycache__ folders.
            Map.of("PYTHONDONTWRITEBYTECODE", "1"),
            work.resolve("naive-server-" + decoding(beam).replace(' ', '-') + ".log"),
            URI.create("http://127.0.0.1:" + naivePort + "/health"));
    System.err.printf(
        Locale.ROOT,
        "%s: starting the pipeline and the naive server (in %s)%n",
        decoding(beam),
        work);
    try (pipeline;
        naiveProcess) {
      naiveProcess.start().awaitReady(NAIVE_START);
      pipeline.start();

      PipelineClient pipelineClient = new PipelineClient(pipeline.apiUrl(), pipeline.apiKey());
      Server pipelineServer = sentence -> translateWithPipeline(pipelineClient, sentence);
      Server naiveServer = new NaiveClient(URI.create("http://127.0.0.1:" + naivePort))::translate;
      int mostClients = Collections.max(clients);
      drive(naiveServer, warmUps, mostClients);
      drive(pipelineServer, warmUps, mostClients);

      Map<Long, String> names = new HashMap<>();
      for (AppProcess app : List.of(pipeline.api(), pipeline.worker(0), pipeline.worker(1))) {
        names.put(app.pid(), app.name());
      }
      if (pipeline.kafka() != null) {
        names.put(pipeline.kafka().pid(), "kafka");
      }
      // The naive server's CPU is that of uvicorn's supervisor and of the processes it spawned.
      ProcessHandle.of(naiveProcess.pid()).stream()
          .flatMap(parent -> Stream.concat(Stream.of(parent), parent.descendants()))
          .forEach(process -> names.put(process.pid(), NAIVE));

      List<Row> rows = new ArrayList<>();
      for (Run run : runs) {
        System.err.printf(
            Locale.ROOT, "%s, %d client(s): measuring%n", decoding(beam), run.clients());
        Measured naiveRun = measureOn(naiveServer, run, names);
        rows.add(
            new Row(
                NAIVE,
                run,
                run.sentences().size() / naiveRun.load().wallSeconds(),
                Latencies.of(naiveRun.load().millis()),
                Double.NaN,
                Double.NaN,
                perRequest(naiveRun.cpu().get(NAIVE), run),
                -1,
                naiveRun.othersShare()));

        Measured pipelineRun = measureOn(pipelineServer, run, names);
        Duration all = Duration.ZERO;
        for (Map.Entry<String, Duration> process : pipelineRun.cpu().entrySet()) {
          if (!process.getKey().equals(NAIVE) && !process.getKey().equals(CLIENT)) {
            all = all.plus(process.getValue());
          }
        }
        int same = 0;
        for (int i = 0; i < run.sentences().size(); i++) {
          if (pipelineRun
              .load()
              .translations()
              .get(i)
              .equals(naiveRun.load().translations().get(i))) {
            same++;
          }
        }
        rows.add(
            new Row(
                PIPELINE,
                run,
                run.sentences().size() / pipelineRun.load().wallSeconds(),
                Latencies.of(pipelineRun.load().millis()),
                perRequest(pipelineRun.cpu().get(pipeline.api().name()), run),
                perRequest(pipelineRun.cpu().get(pipeline.worker(0).name()), run),
                perRequest(all, run),
                same,
                pipelineRun.othersShare()));
      }
      if (!fairnessSentences.isEmpty()) {
        fairnessReport.addAll(fairness(beam, pipeline, pipelineServer, fairnessSentences));
      }
      return rows;
    }
  }

  /** Segments in all of {@code jobs}, and how many of them are done. */
  private static int[] bulkProgress(PipelineClient client, List<String> jobs) throws Exception {
    int[] progress = new int[2];
    for (String id : jobs) {
      JsonNode counts = client.job(id).body().get("counts");
      progress[0] += counts.get("total").asInt();
      progress[1] += counts.get("done").asInt();
    }
    return progress;
  }

  /**
   * One key's single sentences, sent one after another, on the idle pipeline and again while
   * another key has a 10,000-character text and a 500-text job in flight: how much the bulk work
   * holds up a person's sentence (target: p95 within 2x of idle).
   */
  private static List<String> fairness(
      int beam, LocalPipeline pipeline, Server server, List<String> sentences) throws Exception {
    int half = sentences.size() / 2;
    Latencies idle = Latencies.of(drive(server, sentences.subList(0, half), 1).millis());

    PipelineClient bulk = new PipelineClient(pipeline.apiUrl(), pipeline.createApiKey("bulk"));
    StringBuilder longText = new StringBuilder();
    for (int i = 0; longText.length() < 10_000; i++) {
      longText.append("Der Satz Nummer ").append(i).append(" steht in einem langen Text. ");
    }
    List<String> manyTexts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      manyTexts.add("Das ist der Text Nummer " + i + " einer großen Sendung.");
    }
    List<String> bulkJobs = new ArrayList<>();
    for (List<String> texts : List.of(List.of(longText.substring(0, 10_000)), manyTexts)) {
      PipelineClient.Reply accepted = bulk.submit(texts, "");
      if (accepted.status() != 202) {
        throw new IllegalStateException("the bulk job was answered " + accepted.status());
      }
      bulkJobs.add(accepted.body().get("id").asString());
    }
    // Measure once the bulk work is being translated, not merely queued.
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (bulkProgress(bulk, bulkJobs)[1] == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the bulk jobs did not start within 2 minutes");
      }
      Thread.sleep(50);
    }
    int doneBefore = bulkProgress(bulk, bulkJobs)[1];
    Latencies loaded = Latencies.of(drive(server, sentences.subList(half, 2 * half), 1).millis());
    int[] progress = bulkProgress(bulk, bulkJobs);
    int total = progress[0];
    int done = progress[1];
    List<String> lanes = new ArrayList<>();
    for (String id : bulkJobs) {
      lanes.add(bulk.job(id).body().get("lane").asString());
    }
    return List.of(
        String.format(
            Locale.ROOT,
            "fairness (%s): %d sequential one-sentence requests of one key, idle: p50 %.0f ms,"
                + " p95 %.0f ms; with another key's 10,000-character text and 500-text job in"
                + " flight (lanes %s; %d of its %d segments done when measuring began, %d when it"
                + " ended): p50 %.0f ms, p95 %.0f ms = %.2f x idle p95 (target: at most 2x)",
            decoding(beam),
            half,
            idle.p50(),
            idle.p95(),
            String.join(", ", lanes),
            doneBefore,
            total,
            done,
            loaded.p50(),
            loaded.p95(),
            loaded.p95() / idle.p95()));
  }

  /**
   * A run on one server, with the CPU time each process used, and the share of the machine's CPU
   * time that processes outside this benchmark took meanwhile (NaN where it cannot be read).
   */
  private static Measured measureOn(Server server, Run run, Map<Long, String> names)
      throws Exception {
    Duration machineBefore = CpuUsage.machine();
    Map<String, Duration> before = CpuUsage.snapshot(names);
    Load load = drive(server, run.sentences(), run.clients());
    Map<String, Duration> cpu = CpuUsage.between(before, CpuUsage.snapshot(names));
    Duration machineAfter = CpuUsage.machine();
    double othersShare = Double.NaN;
    if (machineBefore != null && machineAfter != null) {
      Duration ours = cpu.values().stream().reduce(Duration.ZERO, Duration::plus);
      double others = machineAfter.minus(machineBefore).minus(ours).toNanos() / 1e9;
      othersShare =
          Math.max(0, others) / (load.wallSeconds() * Runtime.getRuntime().availableProcessors());
    }
    return new Measured(load, cpu, othersShare);
  }

  private static double perRequest(Duration cpu, Run run) {
    return cpu == null ? Double.NaN : cpu.toNanos() / 1e6 / run.sentences().size();
  }

  /**
   * Sends each sentence once, as one request, from {@code clients} threads that each send the next
   * sentence as soon as their last answer is in.
   */
  private static Load drive(Server server, List<String> sentences, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    double[] millis = new double[sentences.size()];
    String[] translations = new String[sentences.size()];
    Callable<Void> client =
        () -> {
          for (int i = next.getAndIncrement(); i < sentences.size(); i = next.getAndIncrement()) {
            long sent = System.nanoTime();
            translations[i] = server.translate(sentences.get(i));
            millis[i] = (System.nanoTime() - sent) / 1e6;
          }
          return null;
        };
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      for (Future<Void> done : threads.invokeAll(Collections.nCopies(clients, client))) {
        done.get();
      }
      return new Load((System.nanoTime() - start) / 1e9, millis, List.of(translations));
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * One sentence through the interactive path as a user's program sends it: a submit that waits for
   * the result, and if it is not ready within the wait, polling the job the answer names.
   */
  private static String translateWithPipeline(PipelineClient client, String sentence)
      throws IOException, InterruptedException {
    PipelineClient.Reply reply = client.submit(List.of(sentence), "?wait=10s");
    JsonNode result = reply.body();
    if (reply.status() == 202) {
      do {
        Thread.sleep(10);
        result = client.get(reply.location() + "/result").body();
      } while (!result.get("finished").asBoolean());
    } else if (reply.status() != 200) {
      throw new IllegalStateException(
          "the pipeline answered " + reply.status() + ": " + reply.body());
    }
    if (result.has("lane") && !"interactive".equals(result.get("lane").asString())) {
      throw new IllegalStateException(
          "the pipeline put a one-sentence job on the " + result.get("lane") + " lane: " + result);
    }
    JsonNode segment = result.get("segments").get(0);
    if (!"done".equals(segment.get("status").asString())) {
      throw new IllegalStateException(
          "the pipeline did not translate '" + sentence + "': " + result);
    }
    return segment.get("translation").asString();
  }

  /** Client of {@code naive_server.py}: {@code POST /translate {"text": ...}}. */
  private static final class NaiveClient {

    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI translate;

    NaiveClient(URI base) {
      this.translate = base.resolve("/translate");
    }

    String translate(String sentence) throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(translate)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(30))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("text", sentence))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the naive server answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body()).get("translation").asString();
    }
  }

  private static void print(Row row) {
    String line =
        String.format(
            Locale.ROOT,
            ROW,
            decoding(row.run().beam()),
            row.run().clients(),
            row.system().equals(NAIVE) ? "naive" : PIPELINE,
            String.format(Locale.ROOT, "%.1f", row.perSecond()),
            String.format(Locale.ROOT, "%.0f", row.latency().p50()),
            String.format(Locale.ROOT, "%.0f", row.latency().p95()),
            String.format(Locale.ROOT, "%.0f", row.latency().p99()),
            millis(row.apiCpuMillis()),
            millis(row.workerCpuMillis()),
            millis(row.allCpuMillis()),
            Double.isNaN(row.othersShare())
                ? "-"
                : String.format(Locale.ROOT, "%.0f%%", 100 * row.othersShare()),
            row.sameAsNaive() < 0 ? "" : row.sameAsNaive() + "/" + row.run().sentences().size());
    System.out.println(line.stripTrailing());
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }

  /** The runs share the machine with whatever else runs on it; say how much that was. */
  private static void printOtherProcesses(List<Row> rows) {
    Row busiest =
        rows.stream()
            .filter(row -> !Double.isNaN(row.othersShare()))
            .max(Comparator.comparingDouble(Row::othersShare))
            .orElse(null);
    if (busiest == null) {
      return;
    }
    if (busiest.othersShare() > DISTURBED) {
      System.out.printf(
          Locale.ROOT,
          "other processes on this machine took %.0f%% of its CPU time during a measured run (%s,"
              + " %s, %d client(s)): these numbers are disturbed, run it again on a quiet"
              + " machine%n",
          100 * busiest.othersShare(),
          busiest.system(),
          decoding(busiest.run().beam()),
          busiest.run().clients());
    } else {
      System.out.printf(
          Locale.ROOT,
          "other processes on this machine took at most %.0f%% of its CPU time during any measured"
              + " run%n",
          100 * busiest.othersShare());
    }
  }

  /**
   * The targets: with the most clients, at least 3x the naive server's sentences/s with
   * beam search (2x greedy) and a p95 no worse than its; with one client, a p50 within the engine's
   * single-sentence time plus 20 ms.
   */
  private void printTargets(List<Row> rows, Map<Integer, Latencies> engine) {
    System.out.println();
    System.out.println("targets:");
    int most = Collections.max(clients);
    for (int beam : beams) {
      if (most > 1) {
        Row naive = find(rows, NAIVE, beam, most);
        Row pipeline = find(rows, PIPELINE, beam, most);
        double ratio = pipeline.perSecond() / naive.perSecond();
        double target = beam == 1 ? 2 : 3;
        System.out.printf(
            Locale.ROOT,
            "  %s, %d clients: %.2fx the naive server's sentences/s (target %.0fx): %s; p95 %.0f ms"
                + " vs the naive server's %.0f ms (target: no worse): %s%n",
            decoding(beam),
            most,
            ratio,
            target,
            verdict(ratio >= target),
            pipeline.latency().p95(),
            naive.latency().p95(),
            verdict(pipeline.latency().p95() <= naive.latency().p95()));
      }
      if (clients.contains(1)) {
        Row pipeline = find(rows, PIPELINE, beam, 1);
        double bound = engine.get(beam).p50() + 20;
        System.out.printf(
            Locale.ROOT,
            "  %s, 1 client: p50 %.0f ms vs the engine's batch-1 p50 %.0f ms + 20 ms = %.0f ms: %s%n",
            decoding(beam),
            pipeline.latency().p50(),
            engine.get(beam).p50(),
            bound,
            verdict(pipeline.latency().p50() <= bound));
      }
    }
  }

  private static Row find(List<Row> rows, String system, int beam, int clients) {
    return rows.stream()
        .filter(row -> row.system().equals(system))
        .filter(row -> row.run().beam() == beam && row.run().clients() == clients)
        .findFirst()
        .orElseThrow();
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  private static String decoding(int beam) {
    return beam == 1 ? "greedy" : "beam " + beam;
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
