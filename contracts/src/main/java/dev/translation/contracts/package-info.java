/**
 * The vocabulary every module of the translation pipeline shares: Kafka topic names and their
 * shapes, the versioned message records that travel on them, job and segment states, language
 * pairs, metric names, logging keys and the SHA-256 text hash the tables store.
 *
 * <p>Plain Java on purpose: no Spring, no Kafka client, no I/O. Records serialise with any JSON
 * mapper that understands records and {@code java.time} (Jackson 3 does both out of the box), so
 * the wire format is the record's component names.
 */
package dev.translation.contracts;
