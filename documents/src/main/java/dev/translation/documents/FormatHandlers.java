package dev.translation.documents;

import dev.translation.documents.html.HtmlHandler;
import dev.translation.documents.markdown.MarkdownHandler;
import dev.translation.documents.office.DocxHandler;
import dev.translation.documents.office.PptxHandler;
import dev.translation.documents.office.XlsxHandler;
import dev.translation.documents.pdf.PdfHandler;
import dev.translation.documents.subtitles.SrtHandler;
import dev.translation.documents.subtitles.WebVttHandler;
import dev.translation.documents.text.PlainTextHandler;
import dev.translation.documents.xliff.XliffHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The handler of each supported format, and the one entry point for reading an upload. */
public final class FormatHandlers {

  private final Map<DocumentFormat, FormatHandler> handlers = new EnumMap<>(DocumentFormat.class);

  /** Every format's handler, each enforcing {@code limits}. */
  public static FormatHandlers all(DocumentLimits limits) {
    return new FormatHandlers(
        List.of(
            new PlainTextHandler(limits),
            new MarkdownHandler(limits),
            new HtmlHandler(limits),
            new DocxHandler(limits),
            new PptxHandler(limits),
            new XlsxHandler(limits),
            new SrtHandler(limits),
            new WebVttHandler(limits),
            new XliffHandler(limits),
            new PdfHandler(limits)));
  }

  /** A registry of the given handlers; a format may have one handler. */
  public FormatHandlers(List<FormatHandler> handlers) {
    for (FormatHandler handler : handlers) {
      if (this.handlers.put(handler.format(), handler) != null) {
        throw new IllegalArgumentException("two handlers for " + handler.format());
      }
    }
  }

  /**
   * The handler for a file: its format is detected from its content.
   *
   * @throws InvalidDocumentException when the file is empty
   * @throws UnsupportedDocumentException when its format is not supported
   */
  public FormatHandler forFile(byte[] content, String fileName) {
    DocumentFormat format = FormatDetector.detect(content, fileName);
    return forFormat(format);
  }

  /**
   * The handler of a format.
   *
   * @throws UnsupportedDocumentException when no handler reads it
   */
  public FormatHandler forFormat(DocumentFormat format) {
    FormatHandler handler = handlers.get(format);
    if (handler == null) {
      throw new UnsupportedDocumentException(
          "the file is " + format.apiName() + ", which cannot be translated yet");
    }
    return handler;
  }
}
