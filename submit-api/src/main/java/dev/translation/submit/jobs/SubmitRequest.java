package dev.translation.submit.jobs;

import java.util.List;

/**
 * What a client asks to translate, as received (not validated yet).
 *
 * @param texts the texts, in order
 * @param source source language code
 * @param target target language code
 * @param priority {@code interactive}, {@code batch}, or null to choose by size
 * @param model a model name or {@code name:version} to prefer, or null
 */
public record SubmitRequest(
    List<String> texts, String source, String target, String priority, String model) {}
