/**
 * Kafka: the outbox relay that publishes what submits wrote, the messages a job becomes, the
 * partitioner that spreads them, and the job events that wake waiting requests.
 *
 * <p>Used by {@code jobs}; uses {@code persistence} (the outbox) and {@code config}.
 */
package dev.translation.submit.messaging;
