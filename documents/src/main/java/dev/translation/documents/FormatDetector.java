package dev.translation.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Decides a file's format from its content: magic bytes for PDF and the zipped office formats (told
 * apart by the parts inside), the first lines for WebVTT, SRT, XLIFF and HTML. Only plain text and
 * Markdown cannot be told apart by content; there the file name decides. A file whose name promises
 * another format than its content is refused, as is anything unsupported.
 */
public final class FormatDetector {

  /** How much of a text file's start is looked at. */
  private static final int HEAD_BYTES = 8192;

  /** How many zip entries are looked at for the part that names the office format. */
  private static final int MAX_ZIP_ENTRIES = 2000;

  private static final Map<String, DocumentFormat> EXTENSIONS =
      Map.ofEntries(
          Map.entry("txt", DocumentFormat.TEXT),
          Map.entry("text", DocumentFormat.TEXT),
          Map.entry("md", DocumentFormat.MARKDOWN),
          Map.entry("markdown", DocumentFormat.MARKDOWN),
          Map.entry("html", DocumentFormat.HTML),
          Map.entry("htm", DocumentFormat.HTML),
          Map.entry("xhtml", DocumentFormat.HTML),
          Map.entry("docx", DocumentFormat.DOCX),
          Map.entry("pptx", DocumentFormat.PPTX),
          Map.entry("xlsx", DocumentFormat.XLSX),
          Map.entry("srt", DocumentFormat.SRT),
          Map.entry("vtt", DocumentFormat.WEBVTT),
          Map.entry("xlf", DocumentFormat.XLIFF),
          Map.entry("xliff", DocumentFormat.XLIFF),
          Map.entry("pdf", DocumentFormat.PDF));

  private static final Pattern SRT_TIMING =
      Pattern.compile(
          "\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3}\\s*-->\\s*\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3}.*");
  private static final Pattern HTML_START =
      Pattern.compile(
          "(?is)^(<\\?xml[^>]*>\\s*)?(<!--.*?-->\\s*)*(<!doctype\\s+html|<html[\\s>]|<head[\\s>]|<body[\\s>]).*");

  private FormatDetector() {}

  /**
   * The format of {@code content}.
   *
   * @param fileName the name the file was sent with (may be null); decides only between plain text
   *     and Markdown, and must not contradict the content
   * @throws InvalidDocumentException when the file is empty
   * @throws UnsupportedDocumentException when the content is no supported format, or not the one
   *     its name says
   */
  public static DocumentFormat detect(byte[] content, String fileName) {
    if (content.length == 0) {
      throw new InvalidDocumentException("the file is empty");
    }
    DocumentFormat named = EXTENSIONS.get(extension(fileName));
    DocumentFormat detected = byContent(content, named);
    if (named != null && named != detected && !(isPlain(named) && isPlain(detected))) {
      throw new UnsupportedDocumentException(
          "the file is named ."
              + extension(fileName)
              + " but its content is "
              + detected.apiName());
    }
    return detected;
  }

  private static DocumentFormat byContent(byte[] content, DocumentFormat named) {
    if (startsWith(content, "%PDF-")) {
      return DocumentFormat.PDF;
    }
    if (startsWith(content, "PK\u0003\u0004")) {
      return office(content);
    }
    if (content.length >= 4
        && (content[0] & 0xFF) == 0xD0
        && (content[1] & 0xFF) == 0xCF
        && (content[2] & 0xFF) == 0x11
        && (content[3] & 0xFF) == 0xE0) {
      throw new UnsupportedDocumentException(
          "the file is a legacy binary Office document (.doc, .ppt or .xls): save it as DOCX,"
              + " PPTX or XLSX");
    }
    String head = head(content);
    if (head.indexOf('\0') >= 0) {
      throw new UnsupportedDocumentException("the file is binary data of an unknown kind");
    }
    String start = head.strip();
    if (start.startsWith("WEBVTT")) {
      return DocumentFormat.WEBVTT;
    }
    if (HTML_START.matcher(start).matches()) {
      return DocumentFormat.HTML;
    }
    if (start.startsWith("<?xml") || start.startsWith("<xliff")) {
      if (start.contains("<xliff")) {
        return DocumentFormat.XLIFF;
      }
      throw new UnsupportedDocumentException("the file is XML, but not XLIFF");
    }
    String[] lines = start.split("\r\n|\r|\n", 3);
    if (lines.length >= 2
        && lines[0].strip().matches("\\d+")
        && SRT_TIMING.matcher(lines[1].strip()).matches()) {
      return DocumentFormat.SRT;
    }
    return named == DocumentFormat.MARKDOWN ? DocumentFormat.MARKDOWN : DocumentFormat.TEXT;
  }

  private static DocumentFormat office(byte[] content) {
    Set<String> names = new HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null && names.size() < MAX_ZIP_ENTRIES) {
        names.add(entry.getName());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidDocumentException("the file is a damaged ZIP archive", e);
    }
    if (names.contains("word/document.xml")) {
      return DocumentFormat.DOCX;
    }
    if (names.contains("ppt/presentation.xml")) {
      return DocumentFormat.PPTX;
    }
    if (names.contains("xl/workbook.xml")) {
      return DocumentFormat.XLSX;
    }
    throw new UnsupportedDocumentException(
        "the file is a ZIP archive but not a DOCX, PPTX or XLSX");
  }

  /** The start of a text file as Latin-1 after any byte order mark: enough to see its kind. */
  private static String head(byte[] content) {
    int from = 0;
    if (content.length >= 3
        && (content[0] & 0xFF) == 0xEF
        && (content[1] & 0xFF) == 0xBB
        && (content[2] & 0xFF) == 0xBF) {
      from = 3;
    } else if (content.length >= 2
        && ((content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF
            || (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE)) {
      // UTF-16: its NUL bytes are not binary data; drop them to see the ASCII start.
      StringBuilder ascii = new StringBuilder();
      for (int i = 2; i < Math.min(content.length, HEAD_BYTES); i++) {
        if (content[i] != 0) {
          ascii.append((char) (content[i] & 0xFF));
        }
      }
      return ascii.toString();
    }
    return new String(
        content, from, Math.min(content.length, HEAD_BYTES) - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] content, String magic) {
    byte[] bytes = magic.getBytes(StandardCharsets.ISO_8859_1);
    if (content.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (content[i] != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlain(DocumentFormat format) {
    return format == DocumentFormat.TEXT || format == DocumentFormat.MARKDOWN;
  }

  private static String extension(String fileName) {
    if (fileName == null) {
      return "";
    }
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
