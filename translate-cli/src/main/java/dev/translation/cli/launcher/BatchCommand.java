package dev.translation.cli.launcher;

import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.launcher.api.LauncherApi;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What the subcommands share: the launcher's API, the watcher and the output. */
abstract class BatchCommand implements Callable<Integer> {

  @ParentCommand LauncherCommand root;

  LauncherApi api() {
    return root.api();
  }

  BatchWatcher watcher(LauncherApi api) {
    return root.watcher(api);
  }

  ProgressDisplay display() {
    return root.display();
  }

  PrintWriter out() {
    return root.out();
  }

  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
