package dev.translation.submit.jobs;

import dev.translation.documents.DocumentFormat;

/**
 * A job's file with its texts translated.
 *
 * @param fileName the download's name, e.g. {@code report.en.docx}
 * @param format what it is
 * @param content its bytes
 * @param incompleteTexts texts in which some sentences failed and stand in the source language
 */
public record TranslatedDocument(
    String fileName, DocumentFormat format, byte[] content, int incompleteTexts) {}
