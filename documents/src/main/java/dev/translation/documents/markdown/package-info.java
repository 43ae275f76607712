/**
 * Markdown: {@link dev.translation.documents.markdown.MarkdownHandler} translates the words of a
 * CommonMark document with GFM tables and rewrites only their ranges of the source, putting inline
 * markup back around the translated words where it can find them.
 */
package dev.translation.documents.markdown;
