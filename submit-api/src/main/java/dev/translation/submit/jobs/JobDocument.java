package dev.translation.submit.jobs;

import dev.translation.documents.DocumentFormat;
import dev.translation.submit.persistence.StoredDocument;

/**
 * The file a job was submitted as.
 *
 * @param name the name it was uploaded with
 * @param format the format detected from its content
 * @param downloadFormat the format of the translated file (a PDF's is DOCX)
 * @param sizeBytes the uploaded file's size
 */
public record JobDocument(
    String name, DocumentFormat format, DocumentFormat downloadFormat, long sizeBytes) {

  static JobDocument of(StoredDocument document) {
    return document == null
        ? null
        : new JobDocument(
            document.fileName(), document.format(), document.outputFormat(), document.sizeBytes());
  }
}
