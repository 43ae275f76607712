/**
 * Subtitles: {@link dev.translation.documents.subtitles.SrtHandler} (SubRip) and {@link
 * dev.translation.documents.subtitles.WebVttHandler} (WebVTT) translate each cue's text and keep
 * numbers, identifiers, timings, settings, headers and notes as they were.
 */
package dev.translation.documents.subtitles;
