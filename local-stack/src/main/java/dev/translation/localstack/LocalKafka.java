package dev.translation.localstack;

import dev.translation.contracts.Topics;
import dev.translation.topics.PipelineTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in a child JVM from the
 * {@code kafka_2.13} jars on this JVM's classpath.
 *
 * <p>A child process rather than an in-process server because it can be stopped, killed and started
 * again on the same data directory any number of times without leaking Kafka's static metrics and
 * threads into the caller, and because a crash of the broker can be simulated for real ({@link
 * #kill()}).
 *
 * <p>Everything lives under one directory: the log directory, the generated configuration, the
 * broker's own log file ({@link #logFile()}), and the ports and cluster id chosen on first start.
 * Ports are remembered so that a restart comes back on the same address and clients configured with
 * {@link #bootstrapServers()} reconnect by themselves.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.builder(Path.of("data/kafka")).build().start()) {
 *   kafka.createPipelineTopics();
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Not safe to use one directory from two instances at once (Kafka's directory lock
 * makes the second fail to start).
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

  private static final String BOOT_PROPERTIES_LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";

  private final Path directory;
  private final int configuredPort;
  private final int configuredControllerPort;
  private final String maxHeap;
  private final Duration startupTimeout;
  private final Duration stopTimeout;
  private final String classpath;
  private final Map<String, String> brokerProperties;
  private final List<String> jvmArguments;

  private Process process;
  private int port;
  private int controllerPort;

  private LocalKafka(Builder builder) {
    this.directory = builder.directory.toAbsolutePath().normalize();
    this.configuredPort = builder.port;
    this.configuredControllerPort = builder.controllerPort;
    this.maxHeap = builder.maxHeap;
    this.startupTimeout = builder.startupTimeout;
    this.stopTimeout = builder.stopTimeout;
    this.classpath = builder.classpath;
    this.brokerProperties = Map.copyOf(builder.brokerProperties);
    this.jvmArguments = List.copyOf(builder.jvmArguments);
  }

  /**
   * Starts configuring a broker whose state lives in {@code directory} (created if missing).
   *
   * @param directory the data directory; reuse it to keep topics and records across restarts
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Starts the broker (formatting the directory on first use) and waits until it answers metadata
   * requests. Does nothing when it is already running.
   *
   * @return this, for chaining
   * @throws IllegalStateException when the broker exits or does not answer within the startup
   *     timeout; the message carries the end of its log
   */
  public synchronized LocalKafka start() {
    if (isRunning()) {
      return this;
    }
    long started = System.nanoTime();
    try {
      Path config = Files.createDirectories(directory.resolve("config"));
      Files.createDirectories(logFile().getParent());
      StateFile state = new StateFile(directory.resolve("local-kafka.properties"));
      port = state.port("port", configuredPort);
      controllerPort = state.port("controller.port", configuredControllerPort);
      String clusterId = state.get("cluster.id");
      if (clusterId == null) {
        clusterId = Uuid.randomUuid().toString();
        state.put("cluster.id", clusterId);
      }
      state.save("LocalKafka: kept so that a restart uses the same address and cluster id");
      StateFile.requireFree(port, "Kafka", state.file());
      StateFile.requireFree(controllerPort, "Kafka controller", state.file());

      Path serverProperties = config.resolve("server.properties");
      Files.writeString(serverProperties, serverProperties(), StandardCharsets.UTF_8);
      Files.writeString(config.resolve("logback.xml"), LOGBACK_XML, StandardCharsets.UTF_8);
      Files.writeString(config.resolve("log4j2.xml"), LOG4J2_XML, StandardCharsets.UTF_8);
      rotateLogFile();

      ProcessBuilder processBuilder =
          new ProcessBuilder(command(serverProperties, clusterId))
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      // stdin stays a pipe on purpose: KafkaServerMain exits when it closes (see there).
      process = processBuilder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka in " + directory, e);
    }
    awaitReady();
    log.info(
        "Kafka {} started in {} ms (data in {}, log {})",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        directory,
        logFile());
    return this;
  }

  /**
   * Shuts the broker down cleanly (SIGTERM: it flushes and closes its logs), waiting up to the stop
   * timeout before killing it. Does nothing when it is not running.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process stopping = process;
    process = null;
    stopping.destroy();
    try {
      if (!stopping.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Kafka did not stop within {}, killing it", stopTimeout);
        stopping.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      stopping.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    log.info("Kafka {} stopped", bootstrapServers());
  }

  /**
   * Kills the broker without letting it shut down (SIGKILL), as a crash or an evicted pod would.
   * Records acknowledged before the kill survive (they are in the OS page cache); {@link #start()}
   * recovers the log directory.
   */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    Process killed = process;
    process = null;
    try {
      killed.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Kafka {} killed", bootstrapServers());
  }

  /** The broker's process id, or -1 when it is not running. */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Whether the broker process is alive (not necessarily ready). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * The address clients use, {@code 127.0.0.1:<port>}. Stable across restarts on the same
   * directory.
   *
   * @throws IllegalStateException before the first {@link #start()}
   */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("Kafka has not been started yet");
    }
    return "127.0.0.1:" + port;
  }

  /** The data directory. */
  public Path directory() {
    return directory;
  }

  /** The broker's own log (standard output and error of the child JVM), appended on restart. */
  public Path logFile() {
    return directory.resolve("logs").resolve("kafka.log");
  }

  /**
   * Creates every topic of {@link Topics#ALL} that does not exist yet, with replication factor 1.
   */
  public void createPipelineTopics() {
    PipelineTopics.create(bootstrapServers(), Topics.ALL, (short) 1);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private String serverProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", "1");
    properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    properties.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("log.dirs", directory.resolve("kraft-combined-logs").toString());
    properties.put("num.partitions", Integer.toString(Topics.PARTITIONS));
    properties.put("default.replication.factor", "1");
    properties.put("min.insync.replicas", "1");
    properties.put("offsets.topic.replication.factor", "1");
    // Kafka's default of 50 partitions for internal topics only slows the first consumer group
    // down on one node; 12 still spreads group coordination.
    properties.put("offsets.topic.num.partitions", Integer.toString(Topics.PARTITIONS));
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("transaction.state.log.num.partitions", Integer.toString(Topics.PARTITIONS));
    properties.put("share.coordinator.state.topic.replication.factor", "1");
    properties.put("share.coordinator.state.topic.min.isr", "1");
    // The default 3 s wait for more members only delays every first rebalance on a laptop.
    properties.put("group.initial.rebalance.delay.ms", "0");
    // Topics are created explicitly (PipelineTopics) so a typo in a topic name fails loudly.
    properties.put("auto.create.topics.enable", "false");
    // After a kill the restarted controller keeps the dead broker's registration until its session
    // times out (default 9 s) and refuses the new one meanwhile; one local node needs less.
    properties.put("broker.session.timeout.ms", "4000");
    properties.put("broker.heartbeat.interval.ms", "1000");
    properties.put("num.network.threads", "2");
    properties.put("num.io.threads", "4");
    properties.putAll(brokerProperties);

    StringBuilder text = new StringBuilder("# Generated by LocalKafka on every start.\n");
    properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private List<String> command(Path serverProperties, String clusterId) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx" + maxHeap);
    // One small broker on a small machine: the serial collector needs no extra GC threads.
    command.add("-XX:+UseSerialGC");
    // C1 only: starts ~1.5 s faster here and spends less of 2 cores on compiling, while a local
    // broker's load (hundreds of small records/s) is nowhere near what needs C2's code.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.awt.headless=true");
    // zstd/snappy/lz4 load native code; without this JDK 25 prints a warning on every start.
    command.add("--enable-native-access=ALL-UNNAMED");
    // Whichever SLF4J binding is on the classpath picks up its own file; both log to stdout.
    command.add("-Dlogback.configurationFile=" + serverProperties.resolveSibling("logback.xml"));
    command.add("-Dlog4j2.configurationFile=" + serverProperties.resolveSibling("log4j2.xml"));
    command.addAll(jvmArguments);
    command.addAll(mainClassInvocation(classpath, KafkaServerMain.class.getName()));
    command.add(serverProperties.toString());
    command.add(clusterId);
    return command;
  }

  /**
   * How to run {@code mainClass} from {@code classpath}: directly, or, when the classpath is a
   * single Spring Boot executable jar (whose dependencies are nested jars a plain {@code -cp}
   * cannot read), through Boot's {@code PropertiesLauncher} with {@code loader.main}.
   */
  static List<String> mainClassInvocation(String classpath, String mainClass) {
    if (isSpringBootExecutableJar(classpath)) {
      return List.of("-Dloader.main=" + mainClass, "-cp", classpath, BOOT_PROPERTIES_LAUNCHER);
    }
    return List.of("-cp", classpath, mainClass);
  }

  private static boolean isSpringBootExecutableJar(String classpath) {
    if (classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) {
      return false;
    }
    try (JarFile jar = new JarFile(classpath)) {
      Manifest manifest = jar.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    awaitPortOpen(deadline);
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
      while (true) {
        failIfExited();
        try {
          // A node in the metadata means the broker registered with its controller: ready.
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            failStartup("did not answer metadata requests within " + startupTimeout, e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failStartup("interrupted while waiting for it", e);
        }
      }
    }
  }

  private void awaitPortOpen(long deadline) {
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          failStartup("did not open port " + port + " within " + startupTimeout, notYet);
        }
      }
      try {
        // Waiting on the process, not sleeping: returns at once if the broker exits.
        if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
          failIfExited();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failStartup("interrupted while waiting for it", e);
      }
    }
  }

  private void failIfExited() {
    if (!process.isAlive()) {
      failStartup("exited with code " + process.exitValue(), null);
    }
  }

  private void failStartup(String what, Throwable cause) {
    Process failed = process;
    process = null;
    if (failed != null && failed.isAlive()) {
      failed.destroyForcibly();
    }
    throw new IllegalStateException(
        "Kafka in " + directory + " " + what + ". End of " + logFile() + ":\n" + tailOfLog(),
        cause);
  }

  private String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log not readable: " + e.getMessage() + ")";
    }
  }

  /** Keeps one previous log so that a long-lived local setup does not grow its log forever. */
  private void rotateLogFile() throws IOException {
    Path logFile = logFile();
    if (Files.exists(logFile) && Files.size(logFile) > 20L * 1024 * 1024) {
      Files.move(
          logFile,
          logFile.resolveSibling(logFile.getFileName() + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Configuration of a {@link LocalKafka}. */
  public static final class Builder {
    private final Path directory;
    private int port;
    private int controllerPort;
    private String maxHeap = "512m";
    private Duration startupTimeout = Duration.ofSeconds(90);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private String classpath = absoluteClasspath(System.getProperty("java.class.path"));
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final List<String> jvmArguments = new ArrayList<>();

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The client port; 0 (the default) picks a free one on first start and keeps it in the data
     * directory.
     */
    public Builder port(int port) {
      this.port = requirePort(port);
      return this;
    }

    /** The controller port; 0 (the default) picks a free one on first start and keeps it. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = requirePort(controllerPort);
      return this;
    }

    /** The child JVM's maximum heap, as for {@code -Xmx} (default {@code 512m}). */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
      return this;
    }

    /** How long {@link #start()} waits for the broker to answer (default 90 s). */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    /** How long {@link #stop()} waits for a clean shutdown before killing (default 30 s). */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
      return this;
    }

    /**
     * The classpath of the child JVM; it must hold {@code kafka_2.13} and this module. Defaults to
     * this JVM's {@code java.class.path}.
     */
    public Builder classpath(String classpath) {
      this.classpath = Objects.requireNonNull(classpath, "classpath");
      return this;
    }

    /** Adds or overrides one line of the generated {@code server.properties}. */
    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value));
      return this;
    }

    /** Adds an option of the child JVM, e.g. {@code -XX:+UseG1GC}; later options win. */
    public Builder jvmArgument(String argument) {
      jvmArguments.add(Objects.requireNonNull(argument, "argument"));
      return this;
    }

    /** A broker with this configuration, not yet started. */
    public LocalKafka build() {
      return new LocalKafka(this);
    }

    /** The broker runs in its own working directory, so relative class path entries must go. */
    private static String absoluteClasspath(String classpath) {
      return java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
          .filter(entry -> !entry.isBlank())
          .map(entry -> java.nio.file.Path.of(entry).toAbsolutePath().toString())
          .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int requirePort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (pick one) or 1-65535, was " + port);
      }
      return port;
    }
  }

  private static final String LOGBACK_XML =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{40} - %msg%n</pattern></encoder>
        </appender>
        <logger name="state.change.logger" level="WARN"/>
        <logger name="kafka.request.logger" level="WARN"/>
        <logger name="org.apache.kafka.common.config" level="WARN"/>
        <root level="INFO"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private static final String LOG4J2_XML =
      """
      <Configuration status="warn">
        <Appenders>
          <Console name="OUT" target="SYSTEM_OUT">
            <PatternLayout pattern="%d{ISO8601} %-5level [%t] %c{1.} - %msg%n"/>
          </Console>
        </Appenders>
        <Loggers>
          <Logger name="state.change.logger" level="warn"/>
          <Logger name="kafka.request.logger" level="warn"/>
          <Logger name="org.apache.kafka.common.config" level="warn"/>
          <Root level="info"><AppenderRef ref="OUT"/></Root>
        </Loggers>
      </Configuration>
      """;
}
