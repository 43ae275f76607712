package dev.translation.submit.jobs;

/**
 * A file a client asks to translate, as received.
 *
 * @param fileName the name it was sent with (the download is named after it)
 * @param content its bytes
 * @param source source language code
 * @param target target language code
 * @param priority {@code interactive}, {@code batch}, or null to choose by size
 * @param output the format to return the translation in (e.g. {@code txt} for a PDF's text), or
 *     null for the format's default
 */
public record DocumentUpload(
    String fileName,
    byte[] content,
    String source,
    String target,
    String priority,
    String output) {}
