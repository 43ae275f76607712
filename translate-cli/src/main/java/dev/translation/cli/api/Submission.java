package dev.translation.cli.api;

/**
 * What a text submit answered: the job, and its result when it finished within {@code ?wait}.
 *
 * @param jobId the job's id
 * @param job the job as accepted (202), or null when the result came at once
 * @param result the result (200), or null when the job was still running
 */
public record Submission(String jobId, Job job, JobResult result) {}
