package dev.translation.submit.jobs;

import dev.translation.contracts.Lane;
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
 * @param texts the segments' source texts, in order
 * @param messages the outbox rows
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
    List<String> texts,
    List<OutboxMessage> messages) {}
