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
  private String lastLine;
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

  /**
   * Shows the state of work that is not counted in segments, such as a model job's phase and
   * training steps, as one line: redrawn on a terminal; elsewhere written when it changed, at once
   * when {@code status} changed, else at most every {@link #LINE_INTERVAL}.
   *
   * @param status what the work is doing: a change is shown at once
   * @param text the whole line
   */
  public void updateLine(String status, String text) {
    Instant now = clock.instant();
    switch (style) {
      case BAR -> redraw(text);
      case LINES -> {
        boolean due =
            lastLineAt == null
                || !status.equals(lastStatus)
                || !now.isBefore(lastLineAt.plus(LINE_INTERVAL));
        if (!text.equals(lastLine) && due) {
          err.println(text);
          err.flush();
          lastStatus = status;
          lastLine = text;
          lastLineAt = now;
        }
      }
      case NONE -> {}
    }
  }

  /** Shows the final state of work shown by {@link #updateLine}. */
  public void finishLine(String text) {
    switch (style) {
      case BAR -> {
        redraw(text);
        err.println();
        err.flush();
        drawn = "";
      }
      case LINES -> {
        if (!text.equals(lastLine)) {
          err.println(text);
          err.flush();
        }
      }
      case NONE -> {}
    }
    lastStatus = null;
    lastLine = null;
    lastLineAt = null;
  }

  /** A time left as the progress shows it: {@code 42s}, {@code 4m05s}, {@code 2h07m}. */
  public static String eta(Duration left) {
    return Eta.format(left);
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
