package dev.translation.submit.persistence;

/**
 * A Kafka message to publish, written to the outbox in the transaction that accepts its job.
 *
 * @param jobId the job it belongs to (the outbox's aggregate id)
 * @param topic where it goes
 * @param key the Kafka record key (the job id and the message's number in the job; see {@code
 *     JobSpreadingPartitioner})
 * @param payload the exact JSON to publish
 */
public record OutboxMessage(String jobId, String topic, String key, String payload) {}
