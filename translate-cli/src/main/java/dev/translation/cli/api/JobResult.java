package dev.translation.cli.api;

import java.util.List;

/**
 * A job's translations, as {@code GET /v1/jobs/{id}/result} (and a {@code ?wait} submit that
 * finished in time) shows them.
 *
 * @param id the job id
 * @param status the job's status
 * @param counts the job's counts
 * @param finished whether anything can still change
 * @param segments one entry per submitted text, in input order
 */
public record JobResult(
    String id, String status, Job.Counts counts, boolean finished, List<TextResult> segments) {

  /**
   * One submitted text.
   *
   * @param index position in the submitted texts, from 0
   * @param status pending, done, failed or cancelled
   * @param translation the whole text's translation when done
   * @param error why it failed, when failed
   */
  public record TextResult(int index, String status, String translation, String error) {

    public boolean done() {
      return "done".equals(status);
    }
  }
}
