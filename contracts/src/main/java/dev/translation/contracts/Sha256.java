package dev.translation.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text, as every table of the pipeline stores it: the UTF-8 bytes' digest in lower-case
 * hex ({@code CHAR(64)}). The submit API writes segments' {@code source_hash} with it, the worker
 * keys the translation memory by it, and API keys are stored as it.
 */
public final class Sha256 {

  private Sha256() {}

  /** The digest of {@code text}'s UTF-8 bytes, 64 lower-case hex digits. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest of {@code bytes} (a stored file), 64 lower-case hex digits. */
  public static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
