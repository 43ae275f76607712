package dev.translation.submit.jobs;

import java.util.List;

/**
 * A request that passed validation, normalised (language codes lower case).
 *
 * @param texts the texts, none null
 * @param source source language code
 * @param target target language code
 * @param priority requested priority, or null to choose by size
 * @param modelHint preferred model, or null
 */
public record ValidRequest(
    List<String> texts, String source, String target, Priority priority, String modelHint) {}
