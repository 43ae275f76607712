/**
 * PDF, read only: {@link dev.translation.documents.pdf.PdfHandler} extracts paragraphs with PDFBox
 * and writes their translations as a new DOCX or plain text.
 */
package dev.translation.documents.pdf;
