package dev.translation.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Shows on standard error how far jobs or corpus batches have come: segments done of all, and an
 * estimate of the time left. On a terminal it redraws one line with a bar; elsewhere (a log, a CI
 * job) it writes a plain line when something changed, at most every {@link #LINE_INTERVAL} unless
 * the status changed, so that a long job does not fill the log. Both command lines use it, so that
 * their progress reads alike.
 */
public final class ProgressDisplay {

  static final Duration LINE_INTERVAL = Duration.ofSeconds(10);

  private static final int BAR_WIDTH = 24;

  private enum Style {
    BAR,
    LINES,
    NONE
  }

  private final Style style;
  private final PrintWriter err;
  private final Clock clock;
  private final Eta eta = new Eta();

  private String drawn = "";
  private String lastStatus;
  private long lastFinished = -1;
  private Instant lastLineAt;

  private ProgressDisplay(Style style, PrintWriter err, Clock clock) {
    this.style = style;
    this.err = err;
    this.clock = clock;
  }

  /**
   * @param terminal whether standard error is a terminal: then a bar is redrawn in place
   * @param quiet show only {@link #message}s
   */
  public static ProgressDisplay of(boolean terminal, boolean quiet, PrintWriter err, Clock clock) {
    return new ProgressDisplay(quiet ? Style.NONE : terminal ? Style.BAR : Style.LINES, err, clock);
  }

  /**
   * Shows the state of the work being waited for.
   *
   * @param label what it is, e.g. the file's name
   * @param status the job's status, or how many of several jobs have finished
   * @param counts their segment counts, added up
   */
  public void update(String label, String status, SegmentProgress counts) {
    Instant now = clock.instant();
    Optional<Duration> left = eta.observe(now, counts.finished(), counts.pending());
    switch (style) {
      case BAR -> redraw(bar(label, status, counts, left));
      case LINES -> {
        boolean changed = !status.equals(lastStatus) || counts.finished() != lastFinished;
        boolean due =
            lastLineAt == null
                || !status.equals(lastStatus)
                || !now.isBefore(lastLineAt.plus(LINE_INTERVAL));
        if (changed && due) {
          err.println(line(label, status, counts, left));
          err.flush();
          lastStatus = status;
          lastFinished = counts.finished();
          lastLineAt = now;
        }
      }
      case NONE -> {}
    }
  }

  /** Shows the final state; later output starts on a line of its own. */
  public void finish(String label, String status, SegmentProgress counts) {
    switch (style) {
      case BAR -> {
        redraw(bar(label, status, counts, Optional.empty()));
        err.println();
        err.flush();
        drawn = "";
      }
      case LINES -> {
        if (!status.equals(lastStatus) || counts.finished() != lastFinished) {
          err.println(line(label, status, counts, Optional.empty()));
          err.flush();
        }
      }
      case NONE -> {}
    }
    lastStatus = null;
    lastFinished = -1;
    lastLineAt = null;
  }

  /** A line of information (what was written, which job is which); not shown with --quiet. */
  public void note(String text) {
    if (style != Style.NONE) {
      message(text);
    }
  }

  /** A line of its own (a warning, a failure), which the bar must not draw over. */
  public void message(String text) {
    if (style == Style.BAR && !drawn.isEmpty()) {
      err.print("\r" + " ".repeat(drawn.length()) + "\r");
      drawn = "";
    }
    err.println(text);
    err.flush();
  }

  private void redraw(String text) {
    // Spaces over what is left of a longer earlier line; no terminal escape codes needed.
    String padding = " ".repeat(Math.max(0, drawn.length() - text.length()));
    err.print("\r" + text + padding);
    err.flush();
    drawn = text;
  }

  static String line(String label, String status, SegmentProgress counts, Optional<Duration> left) {
    return label
        + ": "
        + status
        + ", "
        + counts.done()
        + "/"
        + counts.total()
        + " segments ("
        + percent(counts)
        + "%)"
        + (counts.failed() > 0 ? ", " + counts.failed() + " failed" : "")
        + left.map(d -> ", ETA " + Eta.format(d)).orElse("");
  }

  static String bar(String label, String status, SegmentProgress counts, Optional<Duration> left) {
    int filled = counts.total() == 0 ? 0 : (int) (BAR_WIDTH * counts.finished() / counts.total());
    return label
        + " ["
        + "#".repeat(filled)
        + "-".repeat(BAR_WIDTH - filled)
        + "] "
        + counts.done()
        + "/"
        + counts.total()
        + " segments "
        + percent(counts)
        + "% "
        + status
        + (counts.failed() > 0 ? ", " + counts.failed() + " failed" : "")
        + left.map(d -> "  ETA " + Eta.format(d)).orElse("");
  }

  /** Finished segments as a share of all, rounded down so that 100 means all finished. */
  public static int percent(SegmentProgress counts) {
    return counts.total() == 0 ? 0 : (int) (100 * counts.finished() / counts.total());
  }
}
