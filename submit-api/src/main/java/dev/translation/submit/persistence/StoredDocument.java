package dev.translation.submit.persistence;

import dev.translation.documents.DocumentFormat;

/**
 * A job's file, as stored with it.
 *
 * @param fileName the name it was uploaded with
 * @param format the format detected from its content
 * @param outputFormat the format the translation is written in (a PDF's is DOCX)
 * @param sizeBytes its size
 * @param sha256 SHA-256 of its content, lower-case hex
 */
public record StoredDocument(
    String fileName,
    DocumentFormat format,
    DocumentFormat outputFormat,
    long sizeBytes,
    String sha256) {}
