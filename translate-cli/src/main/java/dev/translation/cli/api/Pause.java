package dev.translation.cli.api;

import java.time.Duration;

/** Waiting between requests, replaceable so that tests run on a clock of their own. */
@FunctionalInterface
public interface Pause {

  /** Sleeps on the real clock. */
  Pause THREAD_SLEEP = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
