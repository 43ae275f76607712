/**
 * The Office Open XML formats: {@link dev.translation.documents.office.DocxHandler}, {@link
 * dev.translation.documents.office.PptxHandler} and {@link
 * dev.translation.documents.office.XlsxHandler}. Each file is checked for zip bombs before POI
 * opens its package; the parts holding text are read with a hardened XML parser and written back
 * with only the text of runs changed, the translation spread over the runs so their formatting
 * survives.
 */
package dev.translation.documents.office;
