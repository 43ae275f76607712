package dev.translation.localmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CPU time used by this JVM and every process it started (the apps, Kafka, MariaDB), so a benchmark
 * can show where a run's CPU went on a machine they all share.
 */
final class CpuUsage {

  /** The name the benchmark's own JVM has in a snapshot. */
  static final String THIS_PROCESS = "benchmark client";

  /** Linux's USER_HZ, the unit of {@code /proc/stat}: 100 on every common architecture. */
  private static final long TICKS_PER_SECOND = 100;

  private CpuUsage() {}

  /**
   * CPU time so far per process, keyed by a readable name.
   *
   * @param names names for known process ids (the apps); others are named from their command line
   */
  static Map<String, Duration> snapshot(Map<Long, String> names) {
    Map<String, Duration> usage = new TreeMap<>();
    add(usage, THIS_PROCESS, ProcessHandle.current());
    ProcessHandle.current()
        .descendants()
        .forEach(process -> add(usage, names.getOrDefault(process.pid(), label(process)), process));
    return usage;
  }

  /** CPU time used between two snapshots, per process. */
  static Map<String, Duration> between(Map<String, Duration> before, Map<String, Duration> after) {
    Map<String, Duration> used = new TreeMap<>();
    after.forEach(
        (name, total) -> used.put(name, total.minus(before.getOrDefault(name, Duration.ZERO))));
    return used;
  }

  /**
   * CPU time every process on the machine has used since boot (user, nice, system, irq and softirq
   * time in {@code /proc/stat}), or null where there is no {@code /proc/stat}. Compared with {@link
   * #snapshot} over the same interval, it shows how much CPU processes outside the benchmark took.
   */
  static Duration machine() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().strip().split("\\s+");
      long ticks = 0;
      for (int field : new int[] {1, 2, 3, 6, 7}) {
        ticks += Long.parseLong(fields[field]);
      }
      return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException notLinux) {
      return null;
    }
  }

  /**
   * CPU time that this JVM and every process it started use from the tracker's creation on,
   * processes that start and end in between included (such as the batch runners the job launcher
   * starts): each {@link #sample()} keeps every live process's CPU time so far, so a process that
   * has ended counts with its last sample.
   */
  static final class Tracker {

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Duration> before = new HashMap<>();
    private final Map<Long, Duration> latest = new HashMap<>();
    private final Map<Long, String> known;
    private final Function<ProcessHandle, String> label;

    /**
     * @param known names for known process ids (the apps)
     * @param label names other processes; {@link CpuUsage}'s own labelling where it gives null
     */
    Tracker(Map<Long, String> known, Function<ProcessHandle, String> label) {
      this.known = Map.copyOf(known);
      this.label = label;
      sample();
      before.putAll(latest);
    }

    void sample() {
      record(ProcessHandle.current(), THIS_PROCESS);
      ProcessHandle.current().descendants().forEach(process -> record(process, null));
    }

    private void record(ProcessHandle process, String name) {
      process
          .info()
          .totalCpuDuration()
          .ifPresent(
              cpu -> {
                names.computeIfAbsent(
                    process.pid(),
                    pid -> {
                      if (name != null) {
                        return name;
                      }
                      String given = known.containsKey(pid) ? known.get(pid) : label.apply(process);
                      return given != null ? given : label(process);
                    });
                latest.put(process.pid(), cpu);
              });
    }

    /** CPU time per process name since the tracker was made, up to the last sample. */
    Map<String, Duration> used() {
      Map<String, Duration> used = new TreeMap<>();
      latest.forEach(
          (pid, cpu) ->
              used.merge(
                  names.get(pid),
                  cpu.minus(before.getOrDefault(pid, Duration.ZERO)),
                  Duration::plus));
      return used;
    }
  }

  private static void add(Map<String, Duration> usage, String name, ProcessHandle process) {
    process.info().totalCpuDuration().ifPresent(cpu -> usage.merge(name, cpu, Duration::plus));
  }

  private static String label(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString())
        .orElse("pid " + process.pid());
  }
}
