/**
 * Kafka: the wiring of the outbox ({@code dev.translation.outbox}: its SQL, the relay that
 * publishes what submits wrote, the messages a job becomes and the partitioner that spreads them),
 * and the job events that wake waiting requests.
 *
 * <p>Used by {@code jobs}; uses {@code config}.
 */
package dev.translation.submit.messaging;
