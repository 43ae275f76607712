/**
 * The use cases, one class each ({@link dev.translation.submit.jobs.SubmitJob}, {@link
 * dev.translation.submit.jobs.ReadJobs}, {@link dev.translation.submit.jobs.CancelJob}, {@link
 * dev.translation.submit.jobs.WaitForJob}, {@link dev.translation.submit.jobs.CorrectSegment},
 * {@link dev.translation.submit.jobs.ReadModels}), with what they need: validation, planning a job
 * into segments and a lane, and the jobs as their owners see them.
 *
 * <p>Used by {@code web}; uses {@code security} (the caller), {@code messaging}, {@code
 * persistence} and {@code config}.
 */
package dev.translation.submit.jobs;
