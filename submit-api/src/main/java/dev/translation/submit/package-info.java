/**
 * The submit API: accepts translation jobs over HTTP, keeps their bookkeeping in MySQL and hands
 * their work to Kafka through a transactional outbox.
 *
 * <p>Its packages are layers:
 *
 * <pre>
 * web           HTTP in and out
 * jobs          the use cases: submit, read, cancel and wait for jobs
 * security      API keys: authentication, request limits
 * messaging     Kafka: the outbox relay, the messages a job becomes, job events
 * persistence   SQL and the rows it reads and writes
 * config        properties and app-wide beans
 * </pre>
 *
 * A package uses only packages listed below it, so no two depend on each other; and {@code web}
 * reaches {@code messaging} and {@code persistence} only through the use cases. {@code
 * PackageLayeringTest} checks every source file against these rules.
 */
package dev.translation.submit;
