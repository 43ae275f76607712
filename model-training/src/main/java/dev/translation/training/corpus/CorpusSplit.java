package dev.translation.training.corpus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A deterministic train/dev/test split of a parallel corpus.
 *
 * <p>Each pair is assigned by a SHA-256 hash of its normalised German source (lowercased, with
 * everything but letters and digits turned into spaces and whitespace collapsed), so the assignment
 * never depends on input order, JVM or run, and all pairs that share a source, up to case and
 * punctuation, land in the same split. That keeps test sources, and their near-identical variants,
 * out of training.
 *
 * <p>The test split holds only full sentences ({@link SentencePair#isFullSentence()}), because
 * single words and short phrases say little about translation quality. Pairs whose source hashes
 * into the test bucket but are not full sentences are left out of every split: putting them in
 * train or dev would put a test source there (about 1.5% of a dictionary's pairs, mostly single
 * words). The fractions are sized for the Ding dictionary: its ~655k pairs, ~77k of them full
 * sentences, yield about 1,250 test sentences and 2,000 dev pairs.
 *
 * @param train pairs to learn from
 * @param dev pairs for validation during training; words and sentences mixed
 * @param test full-sentence pairs for final scoring
 */
public record CorpusSplit(
    List<SentencePair> train, List<SentencePair> dev, List<SentencePair> test) {

  /** Share of sources hashed into the test bucket (of which only full sentences are kept). */
  static final double TEST_FRACTION = 0.017;

  /** Share of sources hashed into the dev bucket. */
  static final double DEV_FRACTION = 0.0032;

  private static final Pattern NOT_ALPHANUMERIC =
      Pattern.compile("[^\\p{L}\\p{N}]+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Makes the lists unmodifiable so a split can be shared safely. */
  public CorpusSplit {
    train = List.copyOf(train);
    dev = List.copyOf(dev);
    test = List.copyOf(test);
  }

  /** Splits {@code all}, keeping the input order within each split. */
  public static CorpusSplit of(List<SentencePair> all) {
    List<SentencePair> train = new ArrayList<>();
    List<SentencePair> dev = new ArrayList<>();
    List<SentencePair> test = new ArrayList<>();
    for (SentencePair pair : all) {
      switch (partOf(pair.source())) {
        case TEST -> {
          if (pair.isFullSentence()) {
            test.add(pair);
          }
        }
        case DEV -> dev.add(pair);
        case TRAIN -> train.add(pair);
      }
    }
    return new CorpusSplit(train, dev, test);
  }

  /** The three parts of a split. */
  public enum Part {
    TRAIN,
    DEV,
    TEST
  }

  /**
   * The part a source hashes into, before the test part's full-sentence filter; material derived
   * from a pair belongs in the same part as the pair, so that nothing learnt from it leaks.
   */
  public static Part partOf(String source) {
    double bucket = unitHash(splitKey(source));
    if (bucket < TEST_FRACTION) {
      return Part.TEST;
    }
    return bucket < TEST_FRACTION + DEV_FRACTION ? Part.DEV : Part.TRAIN;
  }

  /** One line of counts, for logs. */
  public String summary() {
    return "train=%d dev=%d test=%d".formatted(train.size(), dev.size(), test.size());
  }

  /** The normalised form of a source that decides its split. */
  static String splitKey(String source) {
    return NOT_ALPHANUMERIC.matcher(source.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** Maps a key uniformly to [0, 1) via the top 53 bits of its SHA-256 digest. */
  static double unitHash(String key) {
    byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(digest).getLong();
    return (bits >>> 11) * 0x1.0p-53;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
