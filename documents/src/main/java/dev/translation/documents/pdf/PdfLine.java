package dev.translation.documents.pdf;

/**
 * One line of text as PDFBox lays it out.
 *
 * @param page the page, from 1
 * @param text the line's text, whitespace collapsed
 * @param baseline how far down the page the line sits, in points
 * @param right where the line ends, in points from the page's left edge
 * @param fontSize the size most of the line is set in, in points
 * @param startsParagraph whether PDFBox's own layout analysis starts a paragraph here
 */
record PdfLine(
    int page, String text, float baseline, float right, float fontSize, boolean startsParagraph) {}
