/**
 * Plain text: {@link dev.translation.documents.text.PlainTextHandler} translates a text file
 * paragraph by paragraph, and {@link dev.translation.documents.text.TextFile} reads any text file's
 * encoding (UTF-8, a byte order mark, or what ICU detects with confidence) so that the translation
 * is written back in the same one. The other text-based formats read their bytes through it too.
 */
package dev.translation.documents.text;
