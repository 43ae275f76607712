package dev.translation.submit.persistence;

import dev.translation.contracts.Lane;
import dev.translation.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;

/**
 * Everything one accepted submit writes, in one transaction.
 *
 * @param id the new job's id
 * @param apiKeyId the owner
 * @param idempotencyKey the client's Idempotency-Key, or null
 * @param requestHash SHA-256 of the canonical request
 * @param lane the lane
 * @param source source language
 * @param target target language
 * @param modelHint requested model, or null
 * @param totalTexts how many texts the request had
 * @param segments the texts cut into segments, in order; a segment's index is its position here
 * @param messages the outbox rows
 * @param acceptedAt when the job was accepted, its {@code created_at}
 */
public record PlannedJob(
    String id,
    long apiKeyId,
    String idempotencyKey,
    String requestHash,
    Lane lane,
    String source,
    String target,
    String modelHint,
    int totalTexts,
    List<PlannedSegment> segments,
    List<OutboxMessage> messages,
    Instant acceptedAt) {}
