package dev.translation.documents;

/** The file's content is none of the supported formats, or not the format its name says. */
public class UnsupportedDocumentException extends DocumentException {

  public UnsupportedDocumentException(String message) {
    super(message + "; supported formats: " + String.join(", ", DocumentFormat.supported()));
  }
}
