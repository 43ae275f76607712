package dev.translation.submit.jobs;

import java.util.List;

/**
 * A job with its texts in input order.
 *
 * @param job the job
 * @param texts every text, finished or not
 */
public record JobResult(TranslationJob job, List<TextResult> texts) {}
