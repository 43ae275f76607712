package dev.translation.cli.launcher;

import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.launcher.api.LauncherApi;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the subcommands share, at any depth ({@code launch}, {@code model promote}): the launcher's
 * API, the watchers and the output, with the helpers that lay it out.
 */
abstract class LauncherSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  LauncherCommand root() {
    return (LauncherCommand) spec.root().userObject();
  }

  LauncherApi api() {
    return root().api();
  }

  BatchWatcher watcher(LauncherApi api) {
    return root().watcher(api);
  }

  ProgressDisplay display() {
    return root().display();
  }

  PrintWriter out() {
    return root().out();
  }

  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A line of a {@code show}: the name in a column of its own, then the value. */
  static void field(PrintWriter out, String name, String value) {
    out.println(String.format("%-10s%s", name, value).stripTrailing());
  }

  /** Columns as wide as their widest cell, two spaces apart; the last one is not padded. */
  static void printTable(List<List<String>> rows, PrintWriter out) {
    int columns = rows.getFirst().size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        line.append(i == columns - 1 ? cell : cell + " ".repeat(widths[i] + 2 - cell.length()));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
