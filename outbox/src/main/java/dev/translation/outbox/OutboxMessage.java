package dev.translation.outbox;

/**
 * A Kafka message to publish, written to the outbox in the same transaction as the work it stands
 * for, so the message exists exactly when the work does.
 *
 * @param jobId the job it belongs to (the outbox's aggregate id)
 * @param topic where it goes
 * @param key the Kafka record key (the job id and the message's number in the job; see {@link
 *     JobSpreadingPartitioner})
 * @param payload the exact JSON to publish
 */
public record OutboxMessage(String jobId, String topic, String key, String payload) {}
