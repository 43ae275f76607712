package dev.translation.cli.api;

import java.util.List;

/**
 * One page of the caller's jobs, newest first, as {@code GET /v1/jobs} shows it.
 *
 * @param items the jobs
 * @param page page number, from 0
 * @param size page size the API used
 * @param totalItems the caller's jobs
 * @param totalPages pages at this size
 */
public record JobPage(List<Job> items, int page, int size, long totalItems, long totalPages) {}
