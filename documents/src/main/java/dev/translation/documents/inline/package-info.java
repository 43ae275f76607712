/**
 * Inline markup through a translation: {@link dev.translation.documents.inline.PlaceholderText}
 * turns the markup inside a text into placeholders and puts it back around the translated words,
 * for every format whose texts hold markup (HTML, XLIFF).
 */
package dev.translation.documents.inline;
