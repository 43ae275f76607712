/**
 * SQL, and the rows it reads and writes as plain records: jobs and segments, documents, API keys,
 * users' corrections, and the model registry (read only). The outbox's SQL is {@code
 * dev.translation.outbox.OutboxRepository}, shared with the other apps that publish translation
 * work.
 *
 * <p>Bottom layer: used by {@code jobs}, {@code security} and {@code messaging}; uses no other
 * package of the app, so the records the SQL needs live here.
 */
package dev.translation.submit.persistence;
