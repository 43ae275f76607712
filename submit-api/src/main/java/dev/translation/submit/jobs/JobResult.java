package dev.translation.submit.jobs;

import java.util.List;

/**
 * A job with its segments in input order.
 *
 * @param job the job
 * @param segments every segment, finished or not
 */
public record JobResult(Job job, List<SegmentResult> segments) {}
