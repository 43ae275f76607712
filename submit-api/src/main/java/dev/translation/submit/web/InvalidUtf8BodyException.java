package dev.translation.submit.web;

/** The request body is not valid UTF-8: 400 naming the offset of the first bad byte. */
public class InvalidUtf8BodyException extends RuntimeException {

  private final long offset;

  public InvalidUtf8BodyException(long offset) {
    super(
        "the request body must be valid UTF-8; the bytes at offset "
            + offset
            + " are not (malformed, overlong or an encoded surrogate)");
    this.offset = offset;
  }

  /** Offset of the first byte of the invalid sequence, from 0. */
  public long offset() {
    return offset;
  }
}
