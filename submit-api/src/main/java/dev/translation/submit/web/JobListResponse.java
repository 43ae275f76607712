package dev.translation.submit.web;

import dev.translation.submit.jobs.JobPage;
import java.util.List;

/**
 * One page of the caller's jobs, newest first.
 *
 * @param items the jobs
 * @param page page number, from 0
 * @param size page size used (capped)
 * @param totalItems jobs of this key
 * @param totalPages pages at this size
 */
public record JobListResponse(
    List<JobResponse> items, int page, int size, long totalItems, long totalPages) {

  static JobListResponse of(JobPage page) {
    return new JobListResponse(
        page.jobs().stream().map(JobResponse::of).toList(),
        page.page(),
        page.size(),
        page.totalJobs(),
        page.totalPages());
  }
}
