package dev.translation.documents.office;

/**
 * A stretch of a paragraph in one formatting (one run, or neighbouring runs formatted alike): its
 * text can be read and replaced while its formatting stays.
 */
interface TextSpan {

  /** The span's text as the reader sees it (tabs and line breaks as {@code \t} and {@code \n}). */
  String text();

  /** Replaces the span's text; an empty text removes what only held text. */
  void replace(String text);
}
