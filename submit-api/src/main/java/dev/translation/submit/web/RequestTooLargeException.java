package dev.translation.submit.web;

import java.io.IOException;

/**
 * The request body is larger than allowed: 413. An {@link IOException} because it is thrown from
 * inside the body's input stream when no Content-Length announced the size.
 */
public class RequestTooLargeException extends IOException {

  private final long limitBytes;

  public RequestTooLargeException(long limitBytes) {
    super("request body exceeds the limit of " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
