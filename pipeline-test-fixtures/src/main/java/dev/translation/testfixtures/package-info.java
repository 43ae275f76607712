/**
 * Test support for the pipeline's integration tests; modules depend on it in test scope only.
 *
 * <ul>
 *   <li>{@link dev.translation.testfixtures.SharedFixtures}: one Kafka and one MySQL-compatible
 *       database per test JVM, chosen as external (environment) -> Testcontainers (Docker) ->
 *       embedded ({@code local-stack}).
 *   <li>{@link dev.translation.testfixtures.PipelineRows}: rows written the way the app that owns
 *       them writes them, for the tests of the other app.
 * </ul>
 */
package dev.translation.testfixtures;
