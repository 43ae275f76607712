package dev.translation.engine.inference;

/**
 * The translation of one input text.
 *
 * @param text the translated text, with the input's line structure
 * @param modelId the model that produced it, {@code name@version}
 * @param sourceTokens subword pieces read
 * @param targetTokens subword pieces written (without end markers)
 */
public record Translation(String text, String modelId, int sourceTokens, int targetTokens) {}
