package dev.translation.documents;

import java.util.Arrays;
import java.util.List;

/**
 * A file format the pipeline translates, with what a download of it is labelled as. The format of
 * an upload is decided from its content by {@link FormatDetector}, never from its name alone.
 */
public enum DocumentFormat {
  TEXT("text/plain", "txt"),
  MARKDOWN("text/markdown", "md"),
  HTML("text/html", "html"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
  SRT("application/x-subrip", "srt"),
  WEBVTT("text/vtt", "vtt"),
  XLIFF("application/xliff+xml", "xlf"),
  /**
   * Read only: its text comes back as {@link #DOCX} (or {@link #TEXT}); its layout is not rebuilt.
   */
  PDF("application/pdf", "pdf");

  private final String mediaType;
  private final String extension;

  DocumentFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The IANA media type, as a download's {@code Content-Type}. */
  public String mediaType() {
    return mediaType;
  }

  /** The file extension without its dot, e.g. {@code docx}. */
  public String extension() {
    return extension;
  }

  /** The name clients use for the format: the lower-case enum name, e.g. {@code webvtt}. */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Every format's {@link #apiName()}, for error messages that list what is supported. */
  public static List<String> supported() {
    return Arrays.stream(values()).map(DocumentFormat::apiName).toList();
  }
}
