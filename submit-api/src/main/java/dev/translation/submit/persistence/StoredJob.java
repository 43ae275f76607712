package dev.translation.submit.persistence;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import java.time.Instant;

/**
 * A {@code jobs} row.
 *
 * @param id the job id (a UUID)
 * @param status where it stands
 * @param lane the lane its messages travel on
 * @param source source language code
 * @param target target language code
 * @param modelHint the model the client asked for, or null
 * @param total segments in the job
 * @param totalTexts texts in the request (each text is one or more segments)
 * @param done segments translated
 * @param failed segments failed for good
 * @param cancelled segments cancelled before translation
 * @param createdAt when it was accepted
 * @param startedAt when the first segment finished, or null
 * @param finishedAt when it reached a terminal status, or null
 * @param requestHash SHA-256 of the canonical request, to check idempotent retries
 * @param document its file when it was submitted as one, else null
 */
public record StoredJob(
    String id,
    JobStatus status,
    Lane lane,
    String source,
    String target,
    String modelHint,
    int total,
    int totalTexts,
    int done,
    int failed,
    int cancelled,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String requestHash,
    StoredDocument document) {}
