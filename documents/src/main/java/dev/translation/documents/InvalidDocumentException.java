package dev.translation.documents;

/** The file claims or appears to be a supported format but cannot be read as one. */
public class InvalidDocumentException extends DocumentException {

  public InvalidDocumentException(String message) {
    super(message);
  }

  public InvalidDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
