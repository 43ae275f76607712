package dev.translation.submit.jobs;

import java.util.List;

/**
 * One page of a key's jobs, newest first.
 *
 * @param jobs the jobs on this page
 * @param page the page number, from 0
 * @param size the page size used
 * @param totalJobs how many jobs the key has
 */
public record JobPage(List<TranslationJob> jobs, int page, int size, long totalJobs) {

  /** Number of pages. */
  public long totalPages() {
    return size == 0 ? 0 : (totalJobs + size - 1) / size;
  }
}
