package dev.translation.localmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A test pipeline's data folder after the test: the servers' data, the unpacked libtorch and the
 * model caches and the launcher's runner files (about a gigabyte a test) are removed, the logs kept
 * for whoever reads a failure.
 */
final class TestData {

  private TestData() {}

  /** Removes everything in {@code data} but its {@code logs} folder. */
  static void keepOnlyLogs(Path data) throws IOException {
    if (data == null || !Files.isDirectory(data)) {
      return;
    }
    try (Stream<Path> entries = Files.list(data)) {
      for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("logs")).toList()) {
        delete(entry);
      }
    }
    // The launcher's extracted jar and AOT cache for its runners live beside the batch logs.
    Path runner = data.resolve("logs/runner");
    if (Files.isDirectory(runner)) {
      delete(runner);
    }
  }

  private static void delete(Path path) throws IOException {
    try (Stream<Path> tree = Files.walk(path)) {
      tree.sorted(Comparator.reverseOrder())
          .forEach(
              file -> {
                try {
                  Files.deleteIfExists(file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
