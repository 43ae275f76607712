/**
 * Launching batches: the use cases behind the launcher's API (launch, list, show, cancel, logs),
 * the {@link dev.translation.launcher.launch.BatchExecutor} that runs a batch's shards, and the
 * {@link dev.translation.launcher.launch.ExecutionEvents} executors report back through.
 */
package dev.translation.launcher.launch;
