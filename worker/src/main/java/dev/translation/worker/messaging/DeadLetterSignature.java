package dev.translation.worker.messaging;

import dev.translation.contracts.TranslationBatchMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves that a dead letter came from a worker's own error handling. A dead letter marks segments
 * failed with a reason users read, so the dead-letter listener honours only records whose HMAC
 * (SHA-256, over the job id, the segment indexes and the reason) was made with the key that the
 * lane's workers share; a record anyone else writes to a dead-letter topic changes nothing.
 */
public final class DeadLetterSignature {

  /** Header holding the HMAC. */
  public static final String SIGNATURE_HEADER = "translation-dead-letter-signature";

  /** Header holding the reason the segments failed, as users will read it. */
  public static final String REASON_HEADER = "translation-failure-reason";

  /** Shortest key accepted: 32 characters, i.e. at least 128 bits from a base64 secret. */
  public static final int MIN_KEY_LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /**
   * @param secret the shared key
   * @throws IllegalArgumentException when it is missing or shorter than {@link #MIN_KEY_LENGTH}
   */
  public DeadLetterSignature(String secret) {
    if (secret == null || secret.strip().length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "translation.worker.dead-letters.signing-key (DEAD_LETTER_SIGNING_KEY) must be a secret"
              + " of at least "
              + MIN_KEY_LENGTH
              + " characters shared by all workers, e.g. from 'openssl rand -base64 32'");
    }
    this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The HMAC of what a dead letter of {@code message} failing for {@code reason} asks for. */
  public byte[] sign(TranslationBatchMessage message, String reason) {
    String indexes =
        message.indexes().stream().map(String::valueOf).collect(Collectors.joining(","));
    String content = message.jobId() + "\n" + indexes + "\n" + reason;
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + ALGORITHM, e);
    }
  }

  /**
   * Whether {@code signature} is this key's HMAC of the dead letter (compared in constant time).
   */
  public boolean verify(TranslationBatchMessage message, String reason, byte[] signature) {
    return signature != null
        && reason != null
        && MessageDigest.isEqual(sign(message, reason), signature);
  }
}
