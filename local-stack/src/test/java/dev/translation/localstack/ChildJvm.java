package dev.translation.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a test main class in a separate JVM, to test what happens when the process that owns a
 * server exits or is killed. The child reports on its standard output; {@link #awaitLine} reads.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BufferedReader output;

  private ChildJvm(Process process) {
    this.process = process;
    this.output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Reads output until a line starts with {@code prefix}; returns the rest of that line. */
  String awaitLine(String prefix) throws IOException {
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = output.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).trim();
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("child exited without printing " + prefix + ":\n" + seen);
  }

  /** Waits for the child to exit by itself, draining its output. */
  int awaitExit() throws IOException, InterruptedException {
    while (output.readLine() != null) {
      // drain so the child never blocks on a full pipe
    }
    return process.waitFor();
  }

  /** The processes the child started (e.g. a broker JVM or a mariadbd). */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** SIGKILL: no shutdown hooks run in the child. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
