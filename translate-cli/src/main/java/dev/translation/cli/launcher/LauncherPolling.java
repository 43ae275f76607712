package dev.translation.cli.launcher;

import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.api.ApiUnavailableException;
import dev.translation.cli.api.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks the launcher about a batch or model job until it has finished. Both run for hours, so a
 * launcher that is briefly unreachable (restarted, redeployed) does not end the wait: polling goes
 * on for up to {@link #UNREACHABLE_LIMIT} before giving up.
 */
final class LauncherPolling {

  static final Duration FIRST_INTERVAL = Duration.ofSeconds(1);
  static final Duration INTERVAL = Duration.ofSeconds(2);
  static final Duration UNREACHABLE_LIMIT = Duration.ofMinutes(5);

  private final Pause pause;
  private final Clock clock;
  private final ProgressDisplay display;

  LauncherPolling(Pause pause, Clock clock, ProgressDisplay display) {
    this.pause = pause;
    this.clock = clock;
    this.display = display;
  }

  /**
   * Polls every {@link #INTERVAL} (the first time sooner) until {@code finished}.
   *
   * @param fetch asks the launcher
   * @param running shown each answer that has not finished
   * @param what what is waited for, in messages: {@code the batch}
   * @return the finished answer
   */
  <T> T until(Supplier<T> fetch, Predicate<T> finished, Consumer<T> running, String what) {
    Duration interval = FIRST_INTERVAL;
    Instant unreachableSince = null;
    while (true) {
      T answer;
      try {
        answer = fetch.get();
        unreachableSince = null;
      } catch (ApiUnavailableException e) {
        Instant now = clock.instant();
        if (unreachableSince == null) {
          unreachableSince = now;
          display.message(
              e.getMessage()
                  + "; trying again for up to "
                  + UNREACHABLE_LIMIT.toMinutes()
                  + " minutes");
        } else if (!now.isBefore(unreachableSince.plus(UNREACHABLE_LIMIT))) {
          throw e;
        }
        sleep(interval, what);
        interval = INTERVAL;
        continue;
      }
      if (finished.test(answer)) {
        return answer;
      }
      running.accept(answer);
      sleep(interval, what);
      interval = INTERVAL;
    }
  }

  private void sleep(Duration duration, String what) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }
}
