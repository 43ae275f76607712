/**
 * SQL, and the rows it reads and writes as plain records: jobs and segments, the outbox, API keys.
 *
 * <p>Bottom layer: used by {@code jobs}, {@code security} and {@code messaging}; uses no other
 * package of the app, so the records the SQL needs live here.
 */
package dev.translation.submit.persistence;
