package dev.translation.testfixtures;

import dev.translation.contracts.Topics;
import dev.translation.localstack.LocalKafka;
import dev.translation.localstack.LocalMariaDb;
import dev.translation.topics.PipelineTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka and one MySQL-compatible database per JVM for integration tests, started on first use
 * and stopped when the JVM exits, so every test class of a module shares them.
 *
 * <p>Each is chosen in this order:
 *
 * <ol>
 *   <li><b>external</b>, when named by environment variables (or system properties of the same
 *       name): {@code KAFKA_BOOTSTRAP_SERVERS}; {@code DB_URL} with {@code DB_USER} and {@code
 *       DB_PASSWORD};
 *   <li><b>Testcontainers</b> ({@code apache/kafka} in the version of the Kafka clients, {@code
 *       mysql:8.4}), when a Docker daemon answers;
 *   <li><b>embedded</b>: {@link LocalKafka} and {@link LocalMariaDb} in temporary directories.
 * </ol>
 *
 * <p>{@code TEST_FIXTURES=embedded} (or {@code testcontainers}) skips the Docker probe (or insists
 * on Docker). The pipeline's topics are created on whichever Kafka is chosen.
 *
 * <p>Tests that stop or kill a server need one of their own: build a {@link LocalKafka} or {@link
 * LocalMariaDb} on a {@code @TempDir} instead of stopping the shared one.
 */
public final class SharedFixtures {

  private static final Logger log = LoggerFactory.getLogger(SharedFixtures.class);

  static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  static final String DB_URL = "DB_URL";
  static final String DB_USER = "DB_USER";
  static final String DB_PASSWORD = "DB_PASSWORD";
  static final String TEST_FIXTURES = "TEST_FIXTURES";

  private static final List<Runnable> ON_SHUTDOWN = new ArrayList<>();
  private static KafkaEndpoint kafka;
  private static DatabaseEndpoint database;
  private static Boolean dockerAnswers;
  private static boolean shutdownHookInstalled;

  private SharedFixtures() {}

  /** The shared Kafka, started on first call; the pipeline's topics exist on it. */
  public static synchronized KafkaEndpoint kafka() {
    if (kafka == null) {
      kafka = startKafka();
      log.info("Kafka for tests: {} ({})", kafka.bootstrapServers(), kafka.source());
    }
    return kafka;
  }

  /** The shared database, started on first call. */
  public static synchronized DatabaseEndpoint database() {
    if (database == null) {
      database = startDatabase();
      log.info("Database for tests: {}", database);
    }
    return database;
  }

  private static KafkaEndpoint startKafka() {
    return switch (choose(
        KAFKA_BOOTSTRAP_SERVERS, SharedFixtures::setting, SharedFixtures::docker)) {
      case EXTERNAL -> {
        String external = setting(KAFKA_BOOTSTRAP_SERVERS).trim();
        PipelineTopics.create(external, Topics.ALL, (short) 1);
        yield new KafkaEndpoint(external, FixtureSource.EXTERNAL);
      }
      case TESTCONTAINERS -> DockerFixtures.startKafka(onShutdown());
      case EMBEDDED -> {
        Path directory = temporaryDirectory("shared-kafka-");
        LocalKafka local = LocalKafka.builder(directory).build().start();
        onShutdown().add(local::stop);
        local.createPipelineTopics();
        yield new KafkaEndpoint(local.bootstrapServers(), FixtureSource.EMBEDDED);
      }
    };
  }

  private static DatabaseEndpoint startDatabase() {
    return switch (choose(DB_URL, SharedFixtures::setting, SharedFixtures::docker)) {
      case EXTERNAL ->
          new DatabaseEndpoint(
              setting(DB_URL).trim(),
              requiredSetting(DB_USER),
              requiredSetting(DB_PASSWORD),
              FixtureSource.EXTERNAL);
      case TESTCONTAINERS -> DockerFixtures.startMySql(onShutdown());
      case EMBEDDED -> {
        Path directory = temporaryDirectory("shared-mariadb-");
        LocalMariaDb local = LocalMariaDb.builder(directory).build().start();
        onShutdown().add(local::stop);
        yield new DatabaseEndpoint(
            local.jdbcUrl(), local.username(), local.password(), FixtureSource.EMBEDDED);
      }
    };
  }

  /**
   * Where a fixture comes from: the environment, then Docker, then embedded.
   *
   * @param externalServer the setting that names an external server, e.g. {@code DB_URL}
   * @param environment reads a setting by name (null or blank when not set)
   * @param docker whether a Docker daemon answers; asked only when the environment decided nothing
   */
  static FixtureSource choose(
      String externalServer, UnaryOperator<String> environment, BooleanSupplier docker) {
    if (isSet(environment.apply(externalServer))) {
      return FixtureSource.EXTERNAL;
    }
    String mode = environment.apply(TEST_FIXTURES);
    mode = isSet(mode) ? mode.trim().toLowerCase(Locale.ROOT) : "auto";
    return switch (mode) {
      case "embedded" -> FixtureSource.EMBEDDED;
      case "testcontainers" -> {
        if (!docker.getAsBoolean()) {
          throw new IllegalStateException(
              TEST_FIXTURES + "=testcontainers, but no Docker daemon answers");
        }
        yield FixtureSource.TESTCONTAINERS;
      }
      case "auto" -> docker.getAsBoolean() ? FixtureSource.TESTCONTAINERS : FixtureSource.EMBEDDED;
      default ->
          throw new IllegalArgumentException(
              TEST_FIXTURES + "='" + mode + "', expected auto, embedded or testcontainers");
    };
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** Asked once per JVM: without a daemon, Testcontainers' probe takes a moment and logs why. */
  private static synchronized boolean docker() {
    if (dockerAnswers == null) {
      dockerAnswers = DockerFixtures.dockerAnswers();
    }
    return dockerAnswers;
  }

  /** A system property, else the environment variable of the same name. */
  private static String setting(String name) {
    String value = System.getProperty(name);
    return isSet(value) ? value : System.getenv(name);
  }

  private static String requiredSetting(String name) {
    String value = setting(name);
    if (value == null) {
      throw new IllegalStateException(DB_URL + " is set, so " + name + " must be set too");
    }
    return value;
  }

  private static List<Runnable> onShutdown() {
    if (!shutdownHookInstalled) {
      shutdownHookInstalled = true;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SharedFixtures::shutDown, "shared-fixtures-shutdown"));
    }
    return ON_SHUTDOWN;
  }

  private static void shutDown() {
    List<Runnable> actions;
    synchronized (SharedFixtures.class) {
      actions = new ArrayList<>(ON_SHUTDOWN);
    }
    // Reverse order: a temporary directory is removed only after its server stopped.
    for (Runnable action : actions.reversed()) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn("shutting down a shared fixture failed", e);
      }
    }
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      Path directory = Files.createTempDirectory(prefix);
      onShutdown().add(() -> deleteRecursively(directory));
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("cannot delete {}", directory, e);
    }
  }
}
