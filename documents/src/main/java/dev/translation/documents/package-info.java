/**
 * Documents in, documents out: {@link dev.translation.documents.FormatDetector} decides a file's
 * format from its content, and each format's {@link dev.translation.documents.FormatHandler} (one
 * sub-package per format family) lists its translatable texts and writes the file back with them
 * translated, keeping everything else.
 */
package dev.translation.documents;
