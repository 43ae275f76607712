package dev.translation.training.retrain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which corrections a retraining learns from, which it watches for early stopping, and which it
 * holds out to compare the new model with its base.
 *
 * <p>Each correction's part is decided by a SHA-256 hash of its id alone, never by input order or a
 * random draw, so a retried run holds out exactly the same corrections, and a correction keeps its
 * part in every later retraining: held-out corrections are never trained on, and scores on them
 * stay comparable between model versions. A correction whose hash falls below {@code
 * heldOutPercent} is held out; the next {@value #DEV_PERCENT}% serve as the dev set for early
 * stopping; the rest are trained on. Each list is sorted by id.
 *
 * @param training corrections to learn from
 * @param dev corrections for early stopping, neither trained on nor scored
 * @param heldOut corrections to score the base and the new model on
 */
public record CorrectionSplit(
    List<Correction> training, List<Correction> dev, List<Correction> heldOut) {

  /** Share of corrections, in percent, used as the dev set for early stopping. */
  public static final int DEV_PERCENT = 10;

  /** Makes the lists unmodifiable. */
  public CorrectionSplit {
    training = List.copyOf(training);
    dev = List.copyOf(dev);
    heldOut = List.copyOf(heldOut);
  }

  /**
   * Splits {@code corrections}.
   *
   * @param heldOutPercent share held out for evaluation, 1 to 50
   * @throws IllegalArgumentException when the share is out of range or an id appears twice
   */
  public static CorrectionSplit of(List<Correction> corrections, int heldOutPercent) {
    if (heldOutPercent < 1 || heldOutPercent > 50) {
      throw new IllegalArgumentException(
          "the held-out share must be between 1 and 50 percent, not " + heldOutPercent);
    }
    List<Correction> sorted =
        corrections.stream().sorted(Comparator.comparingLong(Correction::id)).toList();
    Set<Long> seen = new HashSet<>();
    List<Correction> training = new ArrayList<>();
    List<Correction> dev = new ArrayList<>();
    List<Correction> heldOut = new ArrayList<>();
    for (Correction correction : sorted) {
      if (!seen.add(correction.id())) {
        throw new IllegalArgumentException(
            "correction id " + correction.id() + " appears more than once");
      }
      double percentile = percentile(correction.id());
      if (percentile < heldOutPercent) {
        heldOut.add(correction);
      } else if (percentile < heldOutPercent + DEV_PERCENT) {
        dev.add(correction);
      } else {
        training.add(correction);
      }
    }
    return new CorrectionSplit(training, dev, heldOut);
  }

  /** Ids of the corrections trained on. */
  public List<Long> trainingIds() {
    return ids(training);
  }

  /** Ids of the corrections used for early stopping. */
  public List<Long> devIds() {
    return ids(dev);
  }

  /** Ids of the corrections held out for evaluation. */
  public List<Long> heldOutIds() {
    return ids(heldOut);
  }

  /** Where an id falls in [0, 100): the top 53 bits of the SHA-256 of its decimal digits. */
  static double percentile(long id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
      return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53 * 100;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private static List<Long> ids(List<Correction> corrections) {
    return corrections.stream().map(Correction::id).toList();
  }
}
