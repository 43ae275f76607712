package dev.translation.cli;

import java.util.List;
import java.util.Locale;

/**
 * Which files a folder's translation picks up, and what their translations are called. The API
 * decides a file's format from its content; the extensions here are only the command line's guess
 * of which files in a folder are worth sending.
 */
final class DocumentFiles {

  /** The extensions of the formats the API translates (its {@code supportedFormats}). */
  static final List<String> EXTENSIONS =
      List.of(
          "txt", "md", "html", "htm", "docx", "pptx", "xlsx", "srt", "vtt", "xlf", "xliff", "pdf");

  private DocumentFiles() {}

  static boolean isSupported(String fileName) {
    return EXTENSIONS.contains(extension(fileName).toLowerCase(Locale.ROOT));
  }

  /** Whether the file is itself a translation into {@code target}, like {@code report.en.docx}. */
  static boolean isTranslation(String fileName, String target) {
    String stem = stem(fileName);
    return stem.toLowerCase(Locale.ROOT).endsWith("." + target.toLowerCase(Locale.ROOT))
        && stem.length() > target.length() + 1;
  }

  /**
   * The name the API gives the translation of {@code fileName}: {@code report.docx} into English is
   * {@code report.en.docx}. Formats the API cannot rebuild (PDF) download in another format, and so
   * under another extension; the download's own name settles that.
   */
  static String translatedName(String fileName, String target) {
    String extension = extension(fileName);
    return stem(fileName) + "." + target + (extension.isEmpty() ? "" : "." + extension);
  }

  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(dot + 1) : "";
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
