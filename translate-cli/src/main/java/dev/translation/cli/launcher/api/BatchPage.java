package dev.translation.cli.launcher.api;

import java.util.List;

/**
 * Batches, newest first, as {@code GET /v1/batches} shows them.
 *
 * @param batches this page's
 * @param nextCursor where the next page starts, or null after the last
 */
public record BatchPage(List<Batch> batches, String nextCursor) {

  public BatchPage {
    batches = batches == null ? List.of() : List.copyOf(batches);
  }
}
