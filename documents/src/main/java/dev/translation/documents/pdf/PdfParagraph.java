package dev.translation.documents.pdf;

/**
 * A paragraph read from a PDF.
 *
 * @param text its lines joined, hyphenation at line ends undone
 * @param headingLevel 1 to 3 for text set larger than the body (1 the largest), 0 for body text
 */
record PdfParagraph(String text, int headingLevel) {}
