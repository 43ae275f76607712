package dev.translation.documents;

/**
 * The file exceeds a {@link DocumentLimits limit}: too many bytes, too many texts, too deep, or
 * (for the zipped office formats) too much or too well compressed content.
 */
public class DocumentTooLargeException extends DocumentException {

  public DocumentTooLargeException(String message) {
    super(message);
  }
}
