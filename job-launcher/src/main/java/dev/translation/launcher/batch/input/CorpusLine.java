package dev.translation.launcher.batch.input;

/**
 * One line of a corpus, as read.
 *
 * @param number the line's number in the file, from 0 (a TSV header is line 0)
 * @param text the line without its line ending, or null when it could not be read as a line
 * @param problem why the line could not be read (too long), or null
 */
public record CorpusLine(long number, String text, String problem) {}
