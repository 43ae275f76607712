package dev.translation.cli.api;

/**
 * A finished document job's file.
 *
 * @param fileName the name the API gave it, e.g. {@code report.en.docx}; a plain name, never a path
 * @param content its bytes
 * @param incompleteTexts texts in which some sentences failed and stand in the source language
 */
public record TranslatedFile(String fileName, byte[] content, int incompleteTexts) {}
