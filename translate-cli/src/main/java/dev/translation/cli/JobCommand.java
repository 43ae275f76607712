package dev.translation.cli;

import dev.translation.cli.api.TranslationApi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What the subcommands about one job, or the caller's jobs, share: the API and the output. */
abstract class JobCommand implements Callable<Integer> {

  @ParentCommand TranslateCommand root;

  TranslationApi api() {
    return root.api();
  }

  JobWatcher watcher(TranslationApi api) {
    return root.watcher(api);
  }

  ProgressDisplay display() {
    return root.display();
  }

  PrintWriter out() {
    return root.out();
  }
}
