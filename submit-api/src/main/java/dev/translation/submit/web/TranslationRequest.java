package dev.translation.submit.web;

import dev.translation.submit.jobs.SubmitRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /v1/translations}.
 *
 * @param texts the texts to translate, in order
 * @param source source language code
 * @param target target language code
 * @param priority {@code interactive} or {@code batch}; omitted: chosen by size
 * @param model preferred model name or {@code name:version}; omitted: the active model
 */
public record TranslationRequest(
    @Schema(
            description = "Texts to translate, in order; results keep this order",
            example = "[\"Guten Morgen!\", \"Wie geht es dir?\"]",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> texts,
    @Schema(
            description = "Source language",
            example = "de",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String source,
    @Schema(
            description = "Target language",
            example = "en",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String target,
    @Schema(
            description =
                "interactive (default for small jobs) or batch; large jobs always go to the batch"
                    + " lane",
            allowableValues = {"interactive", "batch"},
            nullable = true)
        String priority,
    @Schema(description = "Preferred model name or name:version", nullable = true) String model) {

  SubmitRequest toSubmitRequest() {
    return new SubmitRequest(texts, source, target, priority, model);
  }
}
