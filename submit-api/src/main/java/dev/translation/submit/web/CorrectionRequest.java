package dev.translation.submit.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /v1/jobs/{id}/segments/{n}/correction}.
 *
 * @param translation the better translation of the segment
 */
public record CorrectionRequest(
    @Schema(
            description =
                "Your better translation of the segment. Trimmed; not blank; at most the"
                    + " configured length (2000 characters by default) and at most 4 times the"
                    + " source's length plus 200; no control characters other than tab and line"
                    + " feed",
            example = "Good morning!",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String translation) {}
