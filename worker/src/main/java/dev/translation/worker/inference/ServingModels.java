package dev.translation.worker.inference;

import dev.translation.contracts.LanguagePair;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * What this worker serves for its language pair now: the active version and, during a canary, the
 * canary version with the share of segments it takes. A micro-batch {@linkplain #acquire acquires}
 * the current rollout and keeps using it until it has stored its results; a {@linkplain #serve new
 * rollout} applies to micro-batches that start after it, and versions it no longer names are
 * unloaded once the micro-batches still using them are done.
 */
public final class ServingModels implements AutoCloseable {

  /**
   * One state of the rollout.
   *
   * @param active the version outside the canary
   * @param canary the canary version, or null
   * @param canaryPercent the share of segments routed to the canary (0 without one)
   * @param revision the registry's revision of the rollout (0 for a model not from the registry)
   */
  public record Rollout(ServedModel active, ServedModel canary, int canaryPercent, long revision) {

    /** Validates the rollout. */
    public Rollout {
      Objects.requireNonNull(active, "active");
      if ((canary == null) != (canaryPercent == 0) || canaryPercent < 0 || canaryPercent > 99) {
        throw new IllegalArgumentException("a canary needs a percent between 1 and 99");
      }
    }

    /** A rollout of one version. */
    public static Rollout of(ServedModel active) {
      return new Rollout(active, null, 0, 0);
    }

    /**
     * The version for one segment: the canary for a fixed {@code canaryPercent} of segments, chosen
     * by the segment's identity, so a redelivered or retried segment meets the same version.
     */
    public ServedModel modelFor(String jobId, int index) {
      return canary != null && bucket(jobId, index) < canaryPercent ? canary : active;
    }

    private boolean names(ServedModel model) {
      return model == active || model == canary;
    }
  }

  /** A micro-batch's hold on a rollout: its versions stay loaded until it is closed. */
  public static final class Lease implements AutoCloseable {

    private final Rollout rollout;
    private boolean closed;

    private Lease(Rollout rollout) {
      this.rollout = rollout;
    }

    public Rollout rollout() {
      return rollout;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        rollout.active().release();
        if (rollout.canary() != null) {
          rollout.canary().release();
        }
      }
    }
  }

  private final LanguagePair languages;
  private final AtomicReference<Rollout> current;

  /**
   * @param languages the pair every version of this worker translates
   * @param initial what to serve first
   */
  public ServingModels(LanguagePair languages, Rollout initial) {
    this.languages = Objects.requireNonNull(languages, "languages");
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public LanguagePair languages() {
    return languages;
  }

  /** The rollout served now (to read, not to translate with: use {@link #acquire}). */
  public Rollout current() {
    return current.get();
  }

  /** Holds the current rollout's versions until the lease is closed. */
  public Lease acquire() {
    while (true) {
      Rollout rollout = current.get();
      rollout.active().use();
      if (rollout.canary() != null) {
        rollout.canary().use();
      }
      if (current.get() == rollout) {
        return new Lease(rollout);
      }
      // A swap happened between reading and holding: let go and hold the new one.
      new Lease(rollout).close();
    }
  }

  /**
   * Serves {@code next} from now on and unloads the versions only the previous rollout named, as
   * soon as the micro-batches still using them are done.
   */
  public void serve(Rollout next) {
    Rollout previous = current.getAndSet(Objects.requireNonNull(next, "next"));
    if (!next.names(previous.active())) {
      previous.active().retire();
    }
    if (previous.canary() != null && !next.names(previous.canary())) {
      previous.canary().retire();
    }
  }

  /** Unloads every version once its last micro-batch is done. */
  @Override
  public void close() {
    Rollout last = current.get();
    last.active().retire();
    if (last.canary() != null) {
      last.canary().retire();
    }
  }

  /** A stable number 0-99 for a segment. */
  static int bucket(String jobId, int index) {
    CRC32C crc = new CRC32C();
    crc.update((jobId + "/" + index).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % 100);
  }
}
