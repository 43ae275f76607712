/**
 * The job launcher: corpus batches run as Kubernetes Jobs (or local processes) that resume where
 * they stopped. {@code batch} is the Spring Batch job a runner process runs for one shard; {@code
 * corpus} the batch model both roles share; {@code persistence} the SQL; {@code kubernetes} the
 * pure builders of Kubernetes objects; {@code config} the configuration.
 */
package dev.translation.launcher;
