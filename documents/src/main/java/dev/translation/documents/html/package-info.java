/**
 * HTML: {@link dev.translation.documents.html.HtmlHandler} translates a page's visible texts and
 * text attributes and keeps its markup, scripts and styles.
 */
package dev.translation.documents.html;
