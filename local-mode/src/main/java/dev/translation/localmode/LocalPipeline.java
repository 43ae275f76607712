package dev.translation.localmode;

import dev.translation.localstack.LocalKafka;
import dev.translation.localstack.LocalMariaDb;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on one machine: MariaDB and Kafka (embedded, or external ones named in the
 * settings), the submit API, and one worker per lane, all keeping their data under one folder so a
 * restart continues where the last run stopped.
 */
public final class LocalPipeline implements AutoCloseable {

  /**
   * How to run the pipeline.
   *
   * @param dataDirectory where every component keeps its data and logs
   * @param repositoryRoot checkout holding {@code submit-api/target/submit-api.jar}, {@code
   *     worker/target/worker.jar}
   * @param modelBundle the model the workers serve
   * @param apiPort HTTP port of the submit API
   * @param workerPorts HTTP (actuator) ports of the interactive and batch workers
   * @param kafkaBootstrapServers an external Kafka, or null to run one
   * @param database an external MySQL, or null to run MariaDB
   * @param applicationEnvironment extra environment for the API and workers (configuration)
   * @param launcher the job launcher, or null to run without one
   */
  public record Settings(
      Path dataDirectory,
      Path repositoryRoot,
      Path modelBundle,
      int apiPort,
      List<Integer> workerPorts,
      String kafkaBootstrapServers,
      ExternalDatabase database,
      Map<String, String> applicationEnvironment,
      Launcher launcher) {}

  /**
   * The job launcher of local mode: its batches run as processes on this machine.
   *
   * @param port its HTTP port
   * @param inputRoot what batch inputs are read below ({@code /}: any file the user can read, since
   *     local mode is one person's machine)
   */
  public record Launcher(int port, Path inputRoot) {}

  /** A MySQL-compatible server that is already running. */
  public record ExternalDatabase(String url, String user, String password) {}

  private static final List<String> LANES = List.of("interactive", "batch");

  private static final Path NICE = Path.of("/usr/bin/nice");

  private final Settings settings;
  private LocalMariaDb mariaDb;
  private LocalKafka kafka;
  private String kafkaBootstrapServers;
  private ExternalDatabase database;
  private AppProcess api;
  private AppProcess launcher;
  private final List<AppProcess> workers = new ArrayList<>();

  public LocalPipeline(Settings settings) {
    this.settings = settings;
  }

  /** Starts everything and waits until the API and every worker report ready. */
  public LocalPipeline start() throws IOException, InterruptedException {
    Files.createDirectories(settings.dataDirectory());
    startDatabase();
    startKafka();
    api = apiProcess().start();
    api.awaitReady(Duration.ofMinutes(2));
    // One after the other: the first worker unpacks libtorch into the shared cache, which the
    // second then reuses instead of racing it.
    for (int i = 0; i < LANES.size(); i++) {
      AppProcess worker = workerProcess(LANES.get(i), settings.workerPorts().get(i));
      workers.add(worker.start());
      worker.awaitReady(Duration.ofMinutes(5));
    }
    if (settings.launcher() != null) {
      launcher = launcherProcess(settings.launcher()).start();
      launcher.awaitReady(Duration.ofMinutes(2));
    }
    return this;
  }

  private void startDatabase() {
    if (settings.database() != null) {
      database = settings.database();
      return;
    }
    mariaDb = LocalMariaDb.builder(settings.dataDirectory().resolve("mariadb")).build().start();
    database = new ExternalDatabase(mariaDb.jdbcUrl(), mariaDb.username(), mariaDb.password());
  }

  private void startKafka() {
    if (settings.kafkaBootstrapServers() != null) {
      kafkaBootstrapServers = settings.kafkaBootstrapServers();
      return;
    }
    kafka = LocalKafka.builder(settings.dataDirectory().resolve("kafka")).build().start();
    kafka.createPipelineTopics();
    kafkaBootstrapServers = kafka.bootstrapServers();
  }

  private Map<String, String> commonEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("DB_URL", database.url());
    environment.put("DB_USER", database.user());
    environment.put("DB_PASSWORD", database.password());
    environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
    environment.putAll(settings.applicationEnvironment());
    return environment;
  }

  private AppProcess apiProcess() {
    Map<String, String> environment = commonEnvironment();
    environment.put("SERVER_PORT", Integer.toString(settings.apiPort()));
    environment.put("TRANSLATION_API_BOOTSTRAP_KEY_FILE", apiKeyFile().toString());
    return new AppProcess(
        "submit-api",
        List.of(
            javaExecutable(),
            "-jar",
            settings.repositoryRoot().resolve("submit-api/target/submit-api.jar").toString()),
        environment,
        settings.dataDirectory().resolve("logs/submit-api.log"),
        URI.create("http://127.0.0.1:" + settings.apiPort() + "/actuator/health/readiness"));
  }

  private AppProcess workerProcess(String lane, int port) throws IOException {
    Map<String, String> environment = commonEnvironment();
    environment.putIfAbsent("DEAD_LETTER_SIGNING_KEY", deadLetterSigningKey());
    environment.put("SERVER_PORT", Integer.toString(port));
    environment.put("TRANSLATION_WORKER_LANE", lane);
    environment.put("TRANSLATION_WORKER_MODEL_BUNDLE", settings.modelBundle().toString());
    environment.put(
        "TRANSLATION_WORKER_MODELS_CACHEDIRECTORY",
        settings.dataDirectory().resolve("model-cache/worker-" + lane).toString());
    environment.put("DJL_CACHE_DIR", settings.dataDirectory().resolve("djl-cache").toString());
    List<String> command = new ArrayList<>();
    if (lane.equals("batch") && Files.isExecutable(NICE)) {
      // Everything shares this machine's cores: bulk work yields them to a person's sentence, as
      // separate pods with their own CPU would on a cluster.
      command.addAll(List.of(NICE.toString(), "-n", "10"));
    }
    command.add(javaExecutable());
    // The flags every JVM that runs the engine needs, as a java @argument file.
    command.add("@" + settings.repositoryRoot().resolve("translation-engine/djl.jvm.args"));
    command.add("-jar");
    command.add(settings.repositoryRoot().resolve("worker/target/worker.jar").toString());
    return new AppProcess(
        "worker-" + lane,
        command,
        environment,
        settings.dataDirectory().resolve("logs/worker-" + lane + ".log"),
        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"));
  }

  private AppProcess launcherProcess(Launcher settings) {
    Map<String, String> environment = commonEnvironment();
    environment.put("SERVER_PORT", Integer.toString(settings.port()));
    environment.put("TRANSLATION_LAUNCHER_EXECUTOR", "local");
    environment.put("TRANSLATION_LAUNCHER_INPUT_ROOT", settings.inputRoot().toString());
    environment.put("TRANSLATION_LAUNCHER_OUTPUT_ROOT", batchOutputRoot().toString());
    environment.put(
        "TRANSLATION_LAUNCHER_LOG_DIRECTORY",
        this.settings.dataDirectory().resolve("logs/batches").toString());
    // One person's machine: a corpus may come from a server on the local network.
    environment.put("TRANSLATION_LAUNCHER_STORAGE_ALLOWPRIVATEURLS", "true");
    // The model registry: the starter model is the first active version; retrained bundles and
    // their checkpoints stay in the data folder; model jobs run the engine.
    Path data = this.settings.dataDirectory();
    environment.put(
        "TRANSLATION_LAUNCHER_MODELS_STARTERBUNDLE", this.settings.modelBundle().toString());
    environment.put("TRANSLATION_LAUNCHER_MODELS_DIRECTORY", data.resolve("models").toString());
    environment.put(
        "TRANSLATION_LAUNCHER_MODELS_WORKDIRECTORY", data.resolve("model-jobs").toString());
    environment.put(
        "TRANSLATION_LAUNCHER_MODELS_CACHEDIRECTORY",
        data.resolve("model-cache/launcher").toString());
    environment.put(
        "TRANSLATION_LAUNCHER_MODELS_TESTSETSDIRECTORY",
        this.settings.repositoryRoot().resolve("test-sets").toString());
    environment.put("DJL_CACHE_DIR", data.resolve("djl-cache").toString());
    return new AppProcess(
        "job-launcher",
        List.of(
            javaExecutable(),
            "-jar",
            this.settings
                .repositoryRoot()
                .resolve("job-launcher/target/job-launcher.jar")
                .toString()),
        environment,
        this.settings.dataDirectory().resolve("logs/job-launcher.log"),
        URI.create("http://127.0.0.1:" + settings.port() + "/actuator/health/readiness"));
  }

  /** Where batches write their outputs (each in the directory its launch names). */
  public Path batchOutputRoot() {
    return settings.dataDirectory().resolve("batches");
  }

  /** The job launcher's address, when it runs. */
  public URI launcherUrl() {
    return settings.launcher() == null
        ? null
        : URI.create("http://localhost:" + settings.launcher().port());
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public URI apiUrl() {
    return URI.create("http://localhost:" + settings.apiPort());
  }

  /** The API key created on the first start, kept in the data folder. */
  public Path apiKeyFile() {
    return settings.dataDirectory().resolve("api-key.txt");
  }

  /**
   * The secret the workers sign dead letters with, created on the first start (mode 600) and kept
   * in the data folder, so dead letters written before a restart still count after it.
   */
  private String deadLetterSigningKey() throws IOException {
    Path file = settings.dataDirectory().resolve("dead-letter-signing-key.txt");
    if (!Files.exists(file)) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      Files.writeString(
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
          Base64.getEncoder().encodeToString(secret));
    }
    return Files.readString(file).strip();
  }

  /**
   * Creates another API key the way an operator does ({@code submit-api.jar --create-api-key}) and
   * returns it: a second tenant, for measurements and tests that need one.
   */
  public String createApiKey(String name) throws IOException, InterruptedException {
    ProcessBuilder command =
        new ProcessBuilder(
            javaExecutable(),
            "-jar",
            settings.repositoryRoot().resolve("submit-api/target/submit-api.jar").toString(),
            "--create-api-key=" + name);
    command.environment().putAll(commonEnvironment());
    command.environment().put("FLYWAY_ENABLED", "false");
    command.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = command.start();
    String key = new String(process.getInputStream().readAllBytes()).strip();
    if (process.waitFor() != 0 || key.isEmpty()) {
      throw new IOException(
          "could not create API key '" + name + "' (exit " + process.exitValue() + ")");
    }
    return key;
  }

  public String apiKey() throws IOException {
    return Files.readString(apiKeyFile()).strip();
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  public ExternalDatabase database() {
    return database;
  }

  /** The embedded Kafka, or null when an external one is used. */
  public LocalKafka kafka() {
    return kafka;
  }

  public AppProcess api() {
    return api;
  }

  /** The job launcher, or null when it does not run. */
  public AppProcess launcher() {
    return launcher;
  }

  /** Worker of a lane: 0 interactive, 1 batch. */
  public AppProcess worker(int lane) {
    return workers.get(lane);
  }

  /** Where each component writes its log. */
  public Map<String, Path> logs() {
    Map<String, Path> logs = new HashMap<>();
    logs.put(api.name(), api.logFile());
    workers.forEach(w -> logs.put(w.name(), w.logFile()));
    if (launcher != null) {
      logs.put(launcher.name(), launcher.logFile());
    }
    return logs;
  }

  /**
   * Stops the launcher first (its batches stop after their current chunk and resume at the next
   * start), then the workers (they finish in-flight work), the API, Kafka and MariaDB.
   */
  @Override
  public void close() throws InterruptedException {
    if (launcher != null) {
      launcher.stop(Duration.ofSeconds(40));
    }
    for (AppProcess worker : workers) {
      worker.stop(Duration.ofSeconds(30));
    }
    if (api != null) {
      api.stop(Duration.ofSeconds(30));
    }
    if (kafka != null) {
      kafka.close();
    }
    if (mariaDb != null) {
      mariaDb.close();
    }
  }
}
