package dev.translation.localmode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One application of the pipeline (the submit API or a worker) running as a child JVM, with its
 * output in a log file and readiness read from its actuator probe.
 */
public final class AppProcess implements AutoCloseable {

  // HTTP/1.1: the JDK client's default HTTP/2 asks plain-HTTP servers to upgrade, which uvicorn
  // (the naive server of bin/benchmark-interactive) answers with 400.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path logFile;
  private final URI readiness;
  private Process process;

  AppProcess(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path logFile,
      URI readiness) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.logFile = logFile;
    this.readiness = readiness;
  }

  /** Starts the JVM; its output is appended to the log file. */
  public synchronized AppProcess start() throws IOException {
    if (process != null && process.isAlive()) {
      return this;
    }
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    return this;
  }

  /**
   * Waits until the readiness probe answers 200.
   *
   * @throws IllegalStateException if the process exits or the timeout passes first, with the end of
   *     its log
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Process current = process;
      if (current == null || !current.isAlive()) {
        throw new IllegalStateException(
            name + " exited before it was ready; end of " + logFile + ":\n" + tail());
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        name + " was not ready within " + timeout + "; end of " + logFile + ":\n" + tail());
  }

  /** A TCP port nothing listens on right now, for a child process to take. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** SIGTERM, so the application shuts down gracefully; SIGKILL if it takes longer than grace. */
  public synchronized void stop(Duration grace) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
    process = null;
  }

  /** SIGKILL: the process gets no chance to finish or commit anything (a crash). */
  public synchronized void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroyForcibly().waitFor();
    process = null;
  }

  /** The process id, or -1 when not running. */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(30));
  }
}
