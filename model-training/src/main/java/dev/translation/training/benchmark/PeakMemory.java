package dev.translation.training.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The most physical memory a process has held at once (Linux's VmHWM). */
public final class PeakMemory {

  private PeakMemory() {}

  /** Peak resident memory of process {@code pid}, e.g. {@code "664 MiB"}. */
  public static String resident(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.isReadable(status)) {
      return "unknown (no /proc)";
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        long kib = Long.parseLong(line.replaceAll("\\D", ""));
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
      }
    }
    return "unknown";
  }
}
