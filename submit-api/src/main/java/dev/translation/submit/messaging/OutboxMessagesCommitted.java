package dev.translation.submit.messaging;

/**
 * Published after a transaction that wrote outbox messages has committed, so the relay can send
 * them at once instead of at its next periodic run.
 *
 * @param jobId the job whose messages were written
 */
public record OutboxMessagesCommitted(String jobId) {}
