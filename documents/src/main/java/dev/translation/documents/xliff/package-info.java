/**
 * XLIFF 1.2 and 2.x: {@link dev.translation.documents.xliff.XliffHandler} fills in the targets of a
 * translation exchange file, read as untrusted XML.
 */
package dev.translation.documents.xliff;
