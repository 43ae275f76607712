package dev.translation.localmode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/benchmark-batch}: a corpus batch through the job launcher and its local executor, end
 * to end (launch to {@code succeeded}, output written) as a ratio of the engine alone on the same
 * lines in the same run; then how soon a shard killed with SIGKILL in the middle of its read
 * resumes when the executor retries it. Everything is observed from outside, as an operator would
 * see it: the launcher's REST API, its shard logs, the runner processes in {@code /proc}, and the
 * rows in MySQL, polled (rows carry no insert time, and the benchmark adds none).
 */
@Command(
    name = "benchmark-batch",
    mixinStandardHelpOptions = true,
    description =
        "Measures a corpus batch through the job launcher against the engine alone, and the"
            + " resume of a killed shard, on this machine.")
public final class BatchBenchmark implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "PARTIALLY_FAILED", "FAILED", "CANCELLED");
  private static final List<String> PHASES =
      List.of("prepare", "read", "publish", "await", "write");
  private static final Pattern ATTEMPT_LINE =
      Pattern.compile("^=== (\\S+) attempt of shard (\\d+) starts$");
  private static final Pattern FAILED_SQL = Pattern.compile("SQL \\[(.{1,40})");
  private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(30);
  private static final double RATIO_TARGET = 0.9;
  private static final Duration RESUME_TARGET = Duration.ofSeconds(10);

  /** More of the machine's CPU than this taken by other processes makes a run worthless. */
  private static final double DISTURBED = 0.05;

  @Option(names = "--repository", defaultValue = ".")
  Path repository;

  @Option(names = "--model", defaultValue = "models/de-en-starter/4")
  Path model;

  @Option(names = "--sentences", defaultValue = "test-sets/ding-sentences-test.tsv")
  Path sentences;

  @Option(
      names = "--lines",
      defaultValue = "20000",
      description = "Lines in each batch's corpus (default: ${DEFAULT-VALUE})")
  int lines;

  @Option(
      names = "--shards",
      defaultValue = "2",
      description = "Shards of each batch (default: ${DEFAULT-VALUE})")
  int shards;

  @Option(
      names = "--kill-shard",
      defaultValue = "0",
      description = "The shard killed in the resume batch (default: ${DEFAULT-VALUE})")
  int killShard;

  @Option(
      names = "--kill-at",
      defaultValue = "0.5",
      description =
          "Share of its lines the shard has committed when it is killed (default:"
              + " ${DEFAULT-VALUE})")
  double killAt;

  @Option(
      names = "--call-size",
      defaultValue = "256",
      description =
          "Segments per engine call, for the engine alone and the worker alike (default:"
              + " ${DEFAULT-VALUE})")
  int callSize;

  @Option(
      names = "--callers",
      description =
          "Engine calls at once, for the engine alone and the worker alike (default: one per"
              + " core)")
  Integer callers;

  @Option(
      names = "--threads-per-call",
      defaultValue = "1",
      description =
          "libtorch threads per call, for the engine alone and the worker alike (default:"
              + " ${DEFAULT-VALUE})")
  int threadsPerCall;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BatchBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long began = System.nanoTime();
    int cores = Runtime.getRuntime().availableProcessors();
    if (callers == null) {
      callers = cores;
    }
    if (killShard < 0 || killShard >= shards) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--kill-shard must name one of the " + shards + " shards");
    }
    List<String> sources = BenchmarkCorpus.sources(sentences);
    List<String> corpus = BenchmarkCorpus.distinctLines(sources, 0, lines);
    List<String> fresh = BenchmarkCorpus.distinctLines(sources, lines, lines);
    List<String> warmUp = BenchmarkCorpus.distinctLines(sources, 2 * lines, callers * callSize);
    EngineBaseline baseline = new EngineBaseline(model, callSize, callers, threadsPerCall);

    System.out.printf(
        Locale.ROOT,
        "%d distinct lines per batch from %s (its distinct German sentences, then numbered copies"
            + " \"(n) ...\"); %d cores, everything on this machine%n",
        lines,
        sentences,
        cores);
    Duration machineBefore = CpuUsage.machine();
    Duration selfBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    EngineBaseline.Measurement engine = baseline.measure(corpus);
    double engineOthers =
        othersShare(
            machineBefore,
            CpuUsage.machine(),
            ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .orElse(Duration.ZERO)
                .minus(selfBefore),
            engine.seconds());
    System.out.printf(
        Locale.ROOT,
        "engine alone (%s, %s): %.1f lines/s (%.1f s; %.1f s inside its calls, summed over the"
            + " callers; other processes took %s of the machine's CPU meanwhile)%n",
        engine.modelId(),
        baseline.description(),
        engine.perSecond(),
        engine.seconds(),
        engine.callSeconds(),
        percent(engineOthers));

    Path data = Files.createTempDirectory("batch-benchmark");
    Path input = Files.createDirectories(data.resolve("input"));
    Files.write(input.resolve("corpus.txt"), corpus, StandardCharsets.UTF_8);
    Files.write(input.resolve("fresh.txt"), fresh, StandardCharsets.UTF_8);
    Files.write(input.resolve("warm-up.txt"), warmUp, StandardCharsets.UTF_8);
    int batchWorkerPort = AppProcess.freePort();
    Map<String, String> environment = new LinkedHashMap<>(baseline.workerEnvironment());
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
                        new LocalPipeline.Launcher(AppProcess.freePort(), input)))
                .start();
        Database db = Database.of(pipeline.database())) {
      Launcher launcher = new Launcher(pipeline.launcherUrl(), pipeline.apiKey());
      Path logs = data.resolve("logs/batches");

      // Warm-up, as the engine alone had one: a full model call per consumer of the batch worker,
      // and a first run of the runner's jar, with lines neither measured batch has.
      Batch warm = runBatch(launcher, db, "warm-up.txt", "warm-up", null, Map.of());
      requireSucceeded(warm, logs);

      Map<Long, String> apps = new HashMap<>();
      for (AppProcess app :
          List.of(pipeline.api(), pipeline.worker(0), pipeline.worker(1), pipeline.launcher())) {
        apps.put(app.pid(), app.name());
      }
      if (pipeline.kafka() != null) {
        apps.put(pipeline.kafka().pid(), "kafka");
      }
      EngineBaseline.WorkerCalls callsBefore = EngineBaseline.workerCalls(batchWorkerPort);
      ModelThreads threadsBefore = ModelThreads.of(pipeline.worker(1).pid());
      Batch first = runBatch(launcher, db, "corpus.txt", "bench", null, apps);
      EngineBaseline.WorkerCalls calls =
          EngineBaseline.workerCalls(batchWorkerPort).since(callsBefore);
      ModelThreads threads = ModelThreads.of(pipeline.worker(1).pid()).since(threadsBefore);
      requireSucceeded(first, logs);
      Check firstCheck = check(db, corpus, pipeline.batchOutputRoot(), first);
      double rate = lines / first.seconds();
      double ratio = rate / engine.perSecond();
      System.out.printf(
          Locale.ROOT,
          "batch (POST /v1/batches, %d shards of %d lines -> read into MySQL -> outbox ->"
              + " Kafka -> batch worker -> MySQL -> output file and summary.json, until the"
              + " batch is succeeded): %.1f s = %.1f lines/s = %.2f x the engine%n",
          shards,
          lines / shards,
          first.seconds(),
          rate,
          ratio);
      System.out.printf(Locale.ROOT, "  %s%n", firstCheck.describe(first));
      System.out.printf(Locale.ROOT, "  %s%n", attempts(first, logs, null));
      System.out.printf(Locale.ROOT, "  %s%n", first.timeline(shards));
      System.out.printf(
          Locale.ROOT,
          "  the batch worker made %d model calls of %.0f distinct texts on average and spent"
              + " %.1f s in them (summed over its %d model threads; the engine alone: %.1f s in"
              + " calls of %d); %s%n",
          calls.calls(),
          calls.calls() == 0 ? 0 : calls.texts() / calls.calls(),
          calls.seconds(),
          threads.count(),
          engine.callSeconds(),
          callSize,
          threads.describe(first.seconds()));
      System.out.printf(
          Locale.ROOT,
          "  CPU seconds per process during the batch: %s; other processes took %s of the"
              + " machine's CPU%n",
          first.cpuSeconds(),
          percent(first.othersShare()));

      Resume resume = new Resume(killShard, killAt);
      Batch second = runBatch(launcher, db, "fresh.txt", "resumed", resume, apps);
      requireSucceeded(second, logs);
      Check secondCheck = check(db, fresh, pipeline.batchOutputRoot(), second);
      System.out.printf(
          Locale.ROOT,
          "resume: a second batch of %d other lines (new to the translation memory), shard %d"
              + " killed with SIGKILL in its read%n",
          lines,
          killShard);
      resume.report(second, logs);
      System.out.printf(
          Locale.ROOT,
          "  batch succeeded after %.1f s = %.1f lines/s = %.2f x the engine; other processes"
              + " took %s of the machine's CPU%n",
          second.seconds(),
          lines / second.seconds(),
          lines / second.seconds() / engine.perSecond(),
          percent(second.othersShare()));
      System.out.printf(Locale.ROOT, "  %s%n", secondCheck.describe(second));
      System.out.printf(Locale.ROOT, "  %s%n", attempts(second, logs, resume));
      System.out.printf(Locale.ROOT, "  %s%n", second.timeline(shards));

      System.out.println("targets:");
      System.out.printf(
          Locale.ROOT,
          "  end to end: %.2f x the engine alone (target at least %.1f): %s%n",
          ratio,
          RATIO_TARGET,
          ratio >= RATIO_TARGET ? "met" : "missed");
      System.out.printf(
          Locale.ROOT,
          "  retried shard, from its process start: first new segment committed after %s, first"
              + " segment published after %s (target under %d s): %s / %s%n",
          seconds(resume.toFirstSegment()),
          seconds(resume.toFirstPublished()),
          RESUME_TARGET.toSeconds(),
          verdict(resume.toFirstSegment()),
          verdict(resume.toFirstPublished()));
      double disturbed =
          Math.max(engineOthers, Math.max(first.othersShare(), second.othersShare()));
      if (disturbed > DISTURBED) {
        System.out.printf(
            Locale.ROOT,
            "  warning: other processes took %s of the machine's CPU during the engine alone, %s"
                + " during the first batch and %s during the second: these numbers are not the"
                + " pipeline's own; run again on an idle machine%n",
            percent(engineOthers),
            percent(first.othersShare()),
            percent(second.othersShare()));
      }
      boolean correct = firstCheck.ok() && secondCheck.ok();
      if (!correct) {
        System.out.println("  output check failed: see above");
      }
      long took = Math.round((System.nanoTime() - began) / 1e9);
      System.out.printf(
          Locale.ROOT,
          "took %d min %d s; logs in %s%n",
          took / 60,
          took % 60,
          data.resolve("logs"));
      return correct ? 0 : 1;
    }
  }

  private static String seconds(Duration duration) {
    return duration == null
        ? "(not seen)"
        : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1e3);
  }

  private static String verdict(Duration duration) {
    return duration == null ? "not seen" : duration.compareTo(RESUME_TARGET) < 0 ? "met" : "missed";
  }

  private static void requireSucceeded(Batch batch, Path logs) {
    if (!batch.status().equals("SUCCEEDED")) {
      throw new IllegalStateException(
          "batch "
              + batch.id()
              + " ended "
              + batch.status()
              + ": "
              + batch.api().path("reason").asString("")
              + "; shard logs in "
              + logs.resolve(batch.id()));
    }
  }

  /**
   * Launches a batch and polls its rows until it ends, noting when each shard enters each phase;
   * with a {@link Resume}, kills one shard mid-read and follows its retry on the way.
   */
  private Batch runBatch(
      Launcher launcher,
      Database db,
      String input,
      String output,
      Resume resume,
      Map<Long, String> apps)
      throws Exception {
    CpuUsage.Tracker cpu = new CpuUsage.Tracker(apps, BatchBenchmark::runnerLabel);
    Duration machineBefore = CpuUsage.machine();
    int looks = 0;
    long posted = System.nanoTime();
    String id = launcher.launch(input, output, shards);
    Map<Integer, Map<String, Double>> phases = new TreeMap<>();
    String status;
    while (true) {
      double elapsed = (System.nanoTime() - posted) / 1e9;
      status = db.batchStatus(id);
      List<ShardRow> rows = db.shards(id);
      for (ShardRow row : rows) {
        if (row.phase() != null) {
          phases
              .computeIfAbsent(row.index(), i -> new LinkedHashMap<>())
              .putIfAbsent(row.phase(), elapsed);
        }
      }
      if (TERMINAL.contains(status)) {
        break;
      }
      if (elapsed > BATCH_TIMEOUT.toSeconds()) {
        throw new IllegalStateException("batch " + id + " did not end within " + BATCH_TIMEOUT);
      }
      // Runners are sampled while they live; a sample costs this JVM a walk through /proc.
      if (++looks % 5 == 0) {
        cpu.sample();
      }
      // Finer while following the killed shard: rows carry no insert time, so the look's time is
      // the measurement.
      boolean following = resume != null && resume.step(db, id, rows);
      Thread.sleep(following ? 50 : 100);
    }
    double seconds = (System.nanoTime() - posted) / 1e9;
    cpu.sample();
    Map<String, Duration> used = cpu.used();
    double others =
        othersShare(
            machineBefore,
            CpuUsage.machine(),
            used.values().stream().reduce(Duration.ZERO, Duration::plus),
            seconds);
    return new Batch(id, status, seconds, phases, used, others, launcher.batch(id));
  }

  /**
   * The share of the machine's CPU time that processes outside this benchmark took over a
   * measurement, or NaN where the machine's total cannot be read.
   */
  private static double othersShare(
      Duration machineBefore, Duration machineAfter, Duration ours, double seconds) {
    if (machineBefore == null || machineAfter == null) {
      return Double.NaN;
    }
    double others = (machineAfter.minus(machineBefore).minus(ours)).toMillis() / 1e3;
    return Math.max(0, others) / (seconds * Runtime.getRuntime().availableProcessors());
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "(unknown)" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  /**
   * Each shard's attempts, and why every attempt but the last ended: the last exception its log
   * names, or the kill.
   */
  private static String attempts(Batch batch, Path logs, Resume resume) throws IOException {
    StringBuilder line = new StringBuilder("attempts:");
    List<Integer> indexes = new ArrayList<>(batch.phases().keySet());
    for (JsonNode shard : batch.api().path("shardStates")) {
      int index = shard.path("index").asInt();
      if (!indexes.contains(index)) {
        indexes.add(index);
      }
    }
    Collections.sort(indexes);
    for (int index : indexes) {
      Path log = logs.resolve(batch.id()).resolve("shard-" + index + ".log");
      List<List<String>> runs = new ArrayList<>();
      int killed = -1;
      for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        Matcher attempt = ATTEMPT_LINE.matcher(text);
        if (attempt.matches()) {
          if (resume != null
              && resume.shard == index
              && resume.killedAt != null
              && Instant.parse(attempt.group(1)).isBefore(resume.killedAt)) {
            killed = runs.size();
          }
          runs.add(new ArrayList<>());
        } else if (!runs.isEmpty()) {
          runs.getLast().add(text);
        }
      }
      line.append(" shard ").append(index).append(' ').append(runs.size());
      List<String> endings = new ArrayList<>();
      for (int i = 0; i < runs.size() - 1; i++) {
        List<String> run = runs.get(i);
        String cause = null;
        String statement = null;
        for (String text : run) {
          if (text.startsWith("Caused by: ")) {
            cause = text.substring("Caused by: ".length());
          }
          // The last statement named is the one in the stack trace that ended the attempt (an
          // outbox relay's failed run before it is only a warning).
          Matcher sql = FAILED_SQL.matcher(text);
          if (sql.find()) {
            statement = sql.group(1);
          }
        }
        if (i == killed) {
          endings.add("killed by this benchmark");
        } else if (cause == null) {
          endings.add("no error in its log");
        } else {
          // The root cause's message without its class, and the statement that met it.
          int colon = cause.indexOf(": ");
          String ending = colon < 0 ? cause : cause.substring(colon + 2);
          endings.add(statement == null ? ending : ending + ", in " + statement + "...");
        }
      }
      if (!endings.isEmpty()) {
        line.append(" (ended: ").append(String.join("; ", endings)).append(')');
      }
      line.append(',');
    }
    line.setLength(line.length() - 1);
    return line.toString();
  }

  /**
   * Where the batch worker's model threads' time went: on a core, or waiting in the run queue for
   * one ({@code /proc/<pid>/task/<tid>/schedstat}); the rest they were idle or blocked.
   *
   * @param count model threads seen
   * @param runNanos time on a core, summed over them
   * @param waitNanos time runnable but waiting for a core, summed over them
   */
  private record ModelThreads(int count, long runNanos, long waitNanos) {

    static ModelThreads of(long pid) throws IOException {
      int count = 0;
      long run = 0;
      long wait = 0;
      try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            if (!Files.readString(task.resolve("comm")).strip().startsWith("model-")) {
              continue;
            }
            String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
            run += Long.parseLong(fields[0]);
            wait += Long.parseLong(fields[1]);
            count++;
          } catch (IOException gone) {
            // The thread ended while being looked at.
          }
        }
      }
      return new ModelThreads(count, run, wait);
    }

    ModelThreads since(ModelThreads before) {
      return new ModelThreads(count, runNanos - before.runNanos, waitNanos - before.waitNanos);
    }

    String describe(double seconds) {
      if (count == 0) {
        return "its model threads were not found";
      }
      return String.format(
          Locale.ROOT,
          "over the batch's %.1f s its model threads were each on a core %.0f%% of the time and"
              + " waiting for one %.0f%%",
          seconds,
          runNanos / 1e9 / count / seconds * 100,
          waitNanos / 1e9 / count / seconds * 100);
    }
  }

  /** Batch runners by their command line, which {@code ProcessHandle.Info} would cut short. */
  private static String runnerLabel(ProcessHandle process) {
    try {
      return ShardProcesses.nulSeparated(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
              .contains("--run")
          ? "batch runners"
          : null;
    } catch (IOException gone) {
      return null;
    }
  }

  /**
   * A batch as it ended.
   *
   * @param seconds from just before the launch request to the first look that saw it ended
   * @param phases per shard, seconds after the launch when each phase was first seen
   * @param cpu CPU time per process (or kind of process) during the batch
   * @param othersShare the share of the machine's CPU that processes outside the benchmark took
   * @param api the batch as the launcher's API shows it
   */
  private record Batch(
      String id,
      String status,
      double seconds,
      Map<Integer, Map<String, Double>> phases,
      Map<String, Duration> cpu,
      double othersShare,
      JsonNode api) {

    String cpuSeconds() {
      StringBuilder line = new StringBuilder();
      cpu.forEach(
          (process, used) ->
              line.append(String.format(Locale.ROOT, ", %s %.1f", process, used.toMillis() / 1e3)));
      return line.isEmpty() ? "(none)" : line.substring(2);
    }

    String timeline(int shards) {
      StringBuilder line =
          new StringBuilder("where the time went (seconds after the launch when each shard was");
      line.append(" first seen in each phase; a phase that took less than a look is not seen):");
      for (int shard = 0; shard < shards; shard++) {
        line.append(" shard ").append(shard);
        // In time order, so that a retried attempt's second start shows where it happened.
        phases.getOrDefault(shard, Map.of()).entrySet().stream()
            .sorted(Map.Entry.comparingByValue())
            .forEach(
                seen ->
                    line.append(
                        String.format(Locale.ROOT, " %s %.1f", seen.getKey(), seen.getValue())));
        line.append(';');
      }
      line.append(String.format(Locale.ROOT, " %s %.1f", status.toLowerCase(Locale.ROOT), seconds));
      return line.toString();
    }

    /** The shards' job ids, in shard order (the order of the output's parts). */
    List<String> jobIds() {
      Map<Integer, String> ids = new TreeMap<>();
      for (JsonNode shard : api.path("shardStates")) {
        ids.put(shard.path("index").asInt(), shard.path("jobId").asString());
      }
      return List.copyOf(ids.values());
    }
  }

  /**
   * What the output check found: the output has one line per corpus line, and line {@code i} is the
   * translation of the segments stored for corpus line {@code i}, whose sources are that line; and
   * each shard's segments are numbered 0 to n-1 with none missing or twice.
   */
  private record Check(
      int outputLines,
      int expectedLines,
      int mismatches,
      String firstMismatch,
      long segments,
      long distinctSegments,
      boolean numberedOnce) {

    boolean ok() {
      return outputLines == expectedLines && mismatches == 0 && numberedOnce;
    }

    String describe(Batch batch) {
      JsonNode counts = batch.api().path("summary").path("segments");
      return String.format(
          Locale.ROOT,
          "output: %d lines (of %d), %s; %d segments (%d distinct), %s, %d answered by the"
              + " translation memory, %d failed; model versions %s",
          outputLines,
          expectedLines,
          mismatches == 0
              ? "each the translation of its own line's segments, in order"
              : mismatches + " lines not matching their segments (first: " + firstMismatch + ")",
          segments,
          distinctSegments,
          numberedOnce ? "each stored once" : "NOT stored once each in index order",
          counts.path("fromMemory").asLong(),
          counts.path("failed").asLong(),
          batch.api().path("summary").path("modelVersions"));
    }
  }

  private static Check check(Database db, List<String> corpus, Path outputRoot, Batch batch)
      throws IOException, SQLException {
    String output = batch.api().path("output").asString();
    String input = batch.api().path("input").asString();
    Path file = outputRoot.resolve(output).resolve(Path.of(input).getFileName());
    List<String> translated = Files.readAllLines(file, StandardCharsets.UTF_8);
    int line = 0;
    int mismatches = 0;
    String firstMismatch = null;
    long segments = 0;
    boolean numberedOnce = true;
    for (String jobId : batch.jobIds()) {
      List<Database.Text> texts = db.texts(jobId);
      for (Database.Text text : texts) {
        segments += text.segments();
        numberedOnce &= text.numberedOnce();
        String source = line < corpus.size() ? corpus.get(line) : "";
        String target = line < translated.size() ? translated.get(line) : "";
        if (!squeezed(text.source()).equals(squeezed(source))
            || !squeezed(text.translation()).equals(squeezed(target))) {
          mismatches++;
          if (firstMismatch == null) {
            firstMismatch = "line " + (line + 1) + ": \"" + source + "\" -> \"" + target + "\"";
          }
        }
        line++;
      }
    }
    if (line != corpus.size()) {
      mismatches += Math.abs(corpus.size() - line);
      if (firstMismatch == null) {
        firstMismatch = line + " texts stored for " + corpus.size() + " lines";
      }
    }
    return new Check(
        translated.size(),
        corpus.size(),
        mismatches,
        firstMismatch,
        segments,
        db.distinctSegments(batch.jobIds()),
        numberedOnce);
  }

  /** Whitespace carries no meaning here: segments are cut, and translations joined, at spaces. */
  private static String squeezed(String text) {
    return text.replaceAll("\\s+", "");
  }

  /**
   * The resume measurement: kills a shard's runner once it has committed {@code killAt} of its
   * lines, then watches its retry until the retry's first new segment is committed and the shard's
   * first message is published.
   */
  private static final class Resume {

    private final int shard;
    private final double killAt;
    private ProcessHandle victim;
    private Instant killedAt;
    private long itemsAtKill;
    private long itemsTotal;
    private long segmentsAtKill;
    private long outboxAtKill;
    private String jobId;
    private ProcessHandle retry;
    private Instant retryStarted;
    private Instant firstSegment;
    private Instant firstOutboxRow;
    private Instant firstPublished;
    private Instant attemptStarted;
    private Instant jobRestarted;
    private Duration toFirstSegment;
    private Duration toFirstPublished;

    Resume(int shard, double killAt) {
      this.shard = shard;
      this.killAt = killAt;
    }

    /**
     * One look; true while it wants to look often: until the shard's first message is published.
     */
    boolean step(Database db, String batchId, List<ShardRow> rows) throws Exception {
      ShardRow row = rows.stream().filter(r -> r.index() == shard).findFirst().orElse(null);
      if (row == null) {
        return false;
      }
      if (killedAt == null) {
        return killWhenHalfRead(db, batchId, row);
      }
      if (firstPublished != null) {
        return false;
      }
      Instant now = Instant.now();
      if (retry == null) {
        retry =
            ShardProcesses.find(batchId, shard).filter(p -> p.pid() != victim.pid()).orElse(null);
        if (retry != null) {
          retryStarted = ShardProcesses.startTime(retry.pid()).orElse(null);
        }
      }
      if (firstSegment == null && db.segmentCount(jobId) > segmentsAtKill) {
        firstSegment = now;
      }
      Database.OutboxRows outbox = db.outbox(jobId);
      if (firstOutboxRow == null && outbox.rows() > outboxAtKill) {
        firstOutboxRow = now;
      }
      if (outbox.published() > 0) {
        firstPublished = now;
      }
      return true;
    }

    private boolean killWhenHalfRead(Database db, String batchId, ShardRow row) throws Exception {
      if (victim == null || !victim.isAlive()) {
        victim = ShardProcesses.find(batchId, shard).orElse(null);
      }
      if (row.itemsTotal() == null || !"read".equals(row.phase())) {
        if (row.phase() != null && PHASES.indexOf(row.phase()) > PHASES.indexOf("read")) {
          throw new IllegalStateException(
              "shard " + shard + " finished reading before it could be killed");
        }
        return true;
      }
      if (victim == null || row.itemsRead() < row.itemsTotal() * killAt) {
        return true;
      }
      killedAt = Instant.now();
      if (!victim.destroyForcibly()) {
        throw new IllegalStateException("could not kill process " + victim.pid());
      }
      victim.onExit().get(30, TimeUnit.SECONDS);
      // Dead, so nothing more of its can commit: what is in the rows now is what it left.
      jobId = row.jobId();
      ShardRow after =
          db.shards(batchId).stream().filter(r -> r.index() == shard).findFirst().get();
      itemsAtKill = after.itemsRead();
      itemsTotal = after.itemsTotal();
      segmentsAtKill = db.segmentCount(jobId);
      outboxAtKill = db.outbox(jobId).rows();
      return true;
    }

    Duration toFirstSegment() {
      return toFirstSegment;
    }

    Duration toFirstPublished() {
      return toFirstPublished;
    }

    /** Reads the retry's start from the shard's log, and prints what was seen. */
    void report(Batch batch, Path logs) throws IOException {
      if (killedAt == null) {
        System.out.println("  the shard was never killed: it was not seen reading");
        return;
      }
      Path log = logs.resolve(batch.id()).resolve("shard-" + shard + ".log");
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int attemptLine = -1;
      for (int i = 0; i < lines.size() && attemptLine < 0; i++) {
        Matcher matcher = ATTEMPT_LINE.matcher(lines.get(i));
        if (matcher.matches() && Integer.parseInt(matcher.group(2)) == shard) {
          Instant started = Instant.parse(matcher.group(1));
          if (started.isAfter(killedAt)) {
            attemptStarted = started;
            attemptLine = i;
          }
        }
      }
      if (attemptStarted == null) {
        System.out.println("  no retried attempt was found in " + log);
        return;
      }
      for (int i = attemptLine + 1; i < lines.size() && jobRestarted == null; i++) {
        if (lines.get(i).contains("restarting after execution")) {
          jobRestarted = logTime(lines.get(i)).orElse(null);
        }
      }
      toFirstSegment = firstSegment == null ? null : Duration.between(attemptStarted, firstSegment);
      toFirstPublished =
          firstPublished == null ? null : Duration.between(attemptStarted, firstPublished);
      System.out.printf(
          Locale.ROOT,
          "  killed (pid %d) when %d of its %d lines were committed (%d segments; %s)%n",
          victim.pid(),
          itemsAtKill,
          itemsTotal,
          segmentsAtKill,
          outboxAtKill == 0 ? "none in the outbox yet" : outboxAtKill + " outbox rows already");
      System.out.printf(
          Locale.ROOT,
          "  retried attempt started %.1f s after the kill (the executor's \"=== %s attempt of"
              + " shard %d starts\"; the JVM's start time in /proc: %s)%n",
          Duration.between(killedAt, attemptStarted).toMillis() / 1e3,
          attemptStarted,
          shard,
          retryStarted == null
              ? "not seen"
              : signedSeconds(Duration.between(attemptStarted, retryStarted)));
      System.out.printf(
          Locale.ROOT,
          "  from that start: Spring Batch restarted the job after %s (runner's log), first new"
              + " segment committed after %s, first outbox row of the shard after %s, first"
              + " message published to Kafka after %s%n",
          since(jobRestarted),
          since(firstSegment),
          since(firstOutboxRow),
          since(firstPublished));
      System.out.printf(
          Locale.ROOT,
          "  the retry skipped the %d lines committed before the kill and read the other %d"
              + " (among them the chunk the killed attempt had in flight: up to one chunk of"
              + " lines read twice)%n",
          itemsAtKill,
          itemsTotal - itemsAtKill);
    }

    private String since(Instant instant) {
      return instant == null ? "(not seen)" : seconds(Duration.between(attemptStarted, instant));
    }

    private static String signedSeconds(Duration duration) {
      return String.format(Locale.ROOT, "%+.2f s", duration.toMillis() / 1e3);
    }

    /** The time at the start of a Spring Boot log line. */
    private static Optional<Instant> logTime(String line) {
      int space = line.indexOf(' ');
      if (space < 0) {
        return Optional.empty();
      }
      try {
        return Optional.of(OffsetDateTime.parse(line.substring(0, space)).toInstant());
      } catch (DateTimeParseException notATimestamp) {
        return Optional.empty();
      }
    }
  }

  /**
   * The runner processes of a batch's shard. They are the launcher's children, not this JVM's, and
   * their shard is only in their environment ({@code JOB_COMPLETION_INDEX}), so they are found in
   * {@code /proc}; {@code ProcessHandle.Info.arguments()} would cut their long command lines short.
   */
  private static final class ShardProcesses {

    /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat}'s times. */
    private static final double TICKS_PER_SECOND = 100;

    private ShardProcesses() {}

    static Optional<ProcessHandle> find(String batchId, int shard) {
      String batchArgument = "--batch-id=" + batchId;
      String index = "JOB_COMPLETION_INDEX=" + shard;
      try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) {
            continue;
          }
          try {
            List<String> arguments = nulSeparated(entry.resolve("cmdline"));
            if (arguments.contains("--run")
                && arguments.contains(batchArgument)
                && nulSeparated(entry.resolve("environ")).contains(index)) {
              Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(name));
              if (process.isPresent() && process.get().isAlive()) {
                return process;
              }
            }
          } catch (IOException gone) {
            // The process ended while being looked at.
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list /proc", e);
      }
      return Optional.empty();
    }

    /**
     * When a process started, to about 10 ms: {@code ProcessHandle.Info.startInstant()} adds its
     * start in clock ticks to the boot time, which Linux gives in whole seconds only, so it can be
     * a second off; the process's age ({@code /proc/uptime} less its start) is not.
     */
    static Optional<Instant> startTime(long pid) {
      try {
        Instant now = Instant.now();
        String uptime = Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0];
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: the 22nd
        // field of the line (start time in clock ticks) is the 20th after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double age = Double.parseDouble(uptime) - Long.parseLong(fields[19]) / TICKS_PER_SECOND;
        return Optional.of(now.minusNanos(Math.round(age * 1e9)));
      } catch (IOException | RuntimeException gone) {
        return Optional.empty();
      }
    }

    static List<String> nulSeparated(Path file) throws IOException {
      return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0"));
    }
  }

  /** A shard's row in {@code corpus_batch_shards}. */
  private record ShardRow(
      int index,
      String status,
      String phase,
      int attempts,
      long itemsRead,
      Long itemsTotal,
      String jobId) {}

  /** Reads the pipeline's rows over one JDBC connection, each query seeing the latest commits. */
  private record Database(Connection connection) implements AutoCloseable {

    static Database of(LocalPipeline.ExternalDatabase database) throws SQLException {
      Connection connection =
          DriverManager.getConnection(database.url(), database.user(), database.password());
      connection.setAutoCommit(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      return new Database(connection);
    }

    String batchStatus(String batchId) throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement("SELECT status FROM corpus_batches WHERE id = ?")) {
        query.setString(1, batchId);
        try (ResultSet rs = query.executeQuery()) {
          return rs.next() ? rs.getString(1) : "QUEUED";
        }
      }
    }

    List<ShardRow> shards(String batchId) throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT shard_index, status, phase, attempts, items_read, items_total, job_id FROM"
                  + " corpus_batch_shards WHERE batch_id = ? ORDER BY shard_index")) {
        query.setString(1, batchId);
        List<ShardRow> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            long total = rs.getLong(6);
            rows.add(
                new ShardRow(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getLong(5),
                    rs.wasNull() ? null : total,
                    rs.getString(7)));
          }
        }
        return rows;
      }
    }

    long segmentCount(String jobId) throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement("SELECT COUNT(*) FROM segments WHERE job_id = ?")) {
        query.setString(1, jobId);
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    record OutboxRows(long rows, long published) {}

    OutboxRows outbox(String jobId) throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT COUNT(*), COUNT(published_at) FROM outbox WHERE aggregate_id = ?")) {
        query.setString(1, jobId);
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          return new OutboxRows(rs.getLong(1), rs.getLong(2));
        }
      }
    }

    long distinctSegments(List<String> jobIds) throws SQLException {
      String marks = String.join(", ", Collections.nCopies(jobIds.size(), "?"));
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT COUNT(DISTINCT source_hash) FROM segments WHERE job_id IN (" + marks + ")")) {
        for (int i = 0; i < jobIds.size(); i++) {
          query.setString(i + 1, jobIds.get(i));
        }
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    /**
     * A stored text: its segments' sources and translations joined in order.
     *
     * @param numberedOnce whether its segments came in the job's index order with no gap
     */
    record Text(String source, String translation, int segments, boolean numberedOnce) {}

    /** A job's texts in order, from its segments in index order. */
    List<Text> texts(String jobId) throws SQLException {
      List<Text> texts = new ArrayList<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT idx, text_idx, source_text, translation FROM segments WHERE job_id = ?"
                  + " ORDER BY idx")) {
        query.setString(1, jobId);
        try (ResultSet rs = query.executeQuery()) {
          int expectedIndex = 0;
          int currentText = -1;
          StringBuilder source = new StringBuilder();
          StringBuilder translation = new StringBuilder();
          int segments = 0;
          boolean once = true;
          while (rs.next()) {
            int index = rs.getInt(1);
            int text = rs.getInt(2);
            if (text != currentText) {
              if (currentText >= 0) {
                texts.add(new Text(source.toString(), translation.toString(), segments, once));
              }
              once = text == currentText + 1;
              currentText = text;
              source.setLength(0);
              translation.setLength(0);
              segments = 0;
            }
            once &= index == expectedIndex;
            expectedIndex = index + 1;
            source.append(rs.getString(3)).append(' ');
            String translated = rs.getString(4);
            translation.append(translated == null ? "" : translated).append(' ');
            segments++;
          }
          if (currentText >= 0) {
            texts.add(new Text(source.toString(), translation.toString(), segments, once));
          }
        }
      }
      return texts;
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /** The launcher's REST API, as a batch owner's program talks to it. */
  private record Launcher(URI base, String apiKey) {

    /** Launches a text corpus below the input root and returns the batch's id. */
    String launch(String input, String output, int shards) throws Exception {
      String body =
          JSON.writeValueAsString(
              Map.of("input", input, "format", "text", "output", output, "shards", shards));
      HttpResponse<String> response =
          HTTP.send(
              request("/v1/batches")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "launch answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body()).path("id").asString();
    }

    JsonNode batch(String id) throws Exception {
      HttpResponse<String> response =
          HTTP.send(
              request("/v1/batches/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET batch answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(base.resolve(path))
          .header("Authorization", "Bearer " + apiKey)
          .timeout(Duration.ofSeconds(30));
    }
  }
}
