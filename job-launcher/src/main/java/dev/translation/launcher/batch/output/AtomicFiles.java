package dev.translation.launcher.batch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes outputs so that a reader never sees one half-written: each file is written in the work
 * directory (on the same volume) under a temporary name, flushed to disk, and renamed into place. A
 * process killed halfway leaves only a temporary file, which the next attempt overwrites.
 */
public final class AtomicFiles {

  /** Writes a file's content to an output stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code target} from {@code content}, through a temporary file in {@code work}. */
  public static void write(Path target, Path work, Content content) throws IOException {
    Files.createDirectories(work);
    Path temporary = Files.createTempFile(work, "writing-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        content.writeTo(out);
      }
      moveIntoPlace(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Renames a finished file into place, replacing what was there. */
  public static void moveIntoPlace(Path finished, Path target) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    try {
      Files.move(
          finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the work directory and " + target + " are on different file systems", e);
    }
  }
}
