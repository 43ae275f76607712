package dev.translation.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locates the committed starter bundle, which the model tests run against. */
public final class StarterModel {

  private StarterModel() {}

  /** The bundle named by {@code -Dstarter.bundle}, else {@code models/de-en-starter/4}. */
  public static Path bundle() {
    String configured = System.getProperty("starter.bundle");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("models/de-en-starter/4");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("models/de-en-starter/4 not found above the working directory");
  }

  /**
   * A copy of the starter bundle in {@code directory}, for tests that change a bundle (scores
   * recorded into its manifest, files tampered with).
   */
  public static Path copyTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    try (Stream<Path> files = Files.list(bundle())) {
      for (Path file : files.toList()) {
        Files.copy(file, directory.resolve(file.getFileName()));
      }
    }
    return directory;
  }
}
