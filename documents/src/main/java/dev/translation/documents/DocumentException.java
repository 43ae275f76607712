package dev.translation.documents;

/**
 * A document that cannot be translated, with a message that tells its sender what is wrong (and
 * never echoes its content). Subclasses say which kind of wrong, so an API can answer with the
 * right status.
 */
public class DocumentException extends RuntimeException {

  public DocumentException(String message) {
    super(message);
  }

  public DocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
