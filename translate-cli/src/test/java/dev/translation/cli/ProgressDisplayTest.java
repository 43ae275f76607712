package dev.translation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class ProgressDisplayTest {

  private final MutableClock clock =
      MutableClock.of(java.time.Instant.parse("2025-03-01T10:00:00Z"), java.time.ZoneOffset.UTC);
  private final StringWriter err = new StringWriter();

  private static SegmentProgress counts(int total, int done, int failed) {
    return new SegmentProgress(total, done, failed, 0);
  }

  @Test
  void theEstimateCountsFromWhenSegmentsStartedFinishing() {
    Eta eta = new Eta();
    Instant start = Instant.parse("2025-03-01T10:00:00Z");

    // Queued for a minute, then 10 segments in the 2 s before the next look: 90 more take 18 s;
    // 30 in 4 s: 70 more take 9.3 s.
    assertThat(eta.observe(start, 0, 100)).isEmpty();
    assertThat(eta.observe(start.plusSeconds(60), 0, 100)).isEmpty();
    assertThat(eta.observe(start.plusSeconds(62), 10, 90)).contains(Duration.ofSeconds(18));
    assertThat(eta.observe(start.plusSeconds(64), 30, 70)).contains(Duration.ofMillis(9333));
  }

  @Test
  void estimatesAreShortAndRoundedUp() {
    assertThat(Eta.format(Duration.ofMillis(200))).isEqualTo("1s");
    assertThat(Eta.format(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(Eta.format(Duration.ofSeconds(245))).isEqualTo("4m05s");
    assertThat(Eta.format(Duration.ofSeconds(7620))).isEqualTo("2h07m");
  }

  @Test
  void linesAreWrittenOnChangeAtMostEveryTenSecondsUnlessTheStatusChanges() {
    ProgressDisplay display = ProgressDisplay.of(false, false, new PrintWriter(err), clock);

    display.update("big.docx", "running", counts(100, 10, 0));
    clock.add(Duration.ofSeconds(3));
    display.update("big.docx", "running", counts(100, 20, 0));
    clock.add(Duration.ofSeconds(3));
    display.update("big.docx", "running", counts(100, 30, 0));
    clock.add(Duration.ofSeconds(4));
    display.update("big.docx", "running", counts(100, 40, 0));
    clock.add(Duration.ofSeconds(10));
    display.update("big.docx", "running", counts(100, 40, 0));
    clock.add(Duration.ofSeconds(1));
    display.finish("big.docx", "partially_failed", counts(100, 99, 1));

    assertThat(err.toString().lines().toList())
        .containsExactly(
            "big.docx: running, 10/100 segments (10%)",
            "big.docx: running, 40/100 segments (40%), ETA 20s",
            "big.docx: partially_failed, 99/100 segments (100%), 1 failed");
  }

  @Test
  void aTerminalBarIsRedrawnInPlaceAndMessagesClearIt() {
    ProgressDisplay display = ProgressDisplay.of(true, false, new PrintWriter(err), clock);

    display.update("a.txt", "queued", counts(4, 0, 0));
    clock.add(Duration.ofSeconds(1));
    display.update("a.txt", "running", counts(4, 2, 0));
    display.message("a warning");
    display.finish("a.txt", "succeeded", counts(4, 4, 0));

    String queued = "a.txt [------------------------] 0/4 segments 0% queued";
    String running = "a.txt [############------------] 2/4 segments 50% running  ETA 1s";
    assertThat(err.toString())
        .isEqualTo(
            "\r"
                + queued
                + "\r"
                + running
                + "\r"
                + " ".repeat(running.length())
                + "\r"
                + "a warning\n"
                + "\ra.txt [########################] 4/4 segments 100% succeeded\n");
  }

  @Test
  void quietShowsNeitherProgressNorNotesButMessages() {
    ProgressDisplay display = ProgressDisplay.of(true, true, new PrintWriter(err), clock);

    display.update("a.txt", "running", counts(4, 2, 0));
    display.note("wrote a.en.txt");
    display.message("a.txt: failed");
    display.finish("a.txt", "failed", counts(4, 0, 4));

    assertThat(err.toString()).isEqualTo("a.txt: failed\n");
  }
}
