/**
 * The transactional outbox, for every app that hands translation work to Kafka (the submit API, the
 * job launcher): work becomes durable and its messages exist in one database transaction, and the
 * relay publishes them afterwards, so a Kafka outage or a crash between commit and publish loses
 * nothing.
 *
 * <p>{@link dev.translation.outbox.TranslationBatchMessages} packs a job's segments into messages,
 * {@link dev.translation.outbox.OutboxRepository} writes them in the app's transaction, {@link
 * dev.translation.outbox.OutboxRelay} publishes them, and {@link
 * dev.translation.outbox.JobSpreadingPartitioner} (set as the producer's {@code partitioner.class})
 * spreads a job's messages over the lane's partitions. One place for all of it, so messages look,
 * are keyed and are spread the same whichever app wrote them.
 *
 * <p>Plain classes without Spring annotations: an app creates them as beans, calls {@link
 * dev.translation.outbox.OutboxRelay#start()} once it is ready, {@link
 * dev.translation.outbox.OutboxRelay#wakeUp()} after each commit that wrote messages, and {@link
 * dev.translation.outbox.OutboxRelay#close()} on shutdown.
 */
package dev.translation.outbox;
