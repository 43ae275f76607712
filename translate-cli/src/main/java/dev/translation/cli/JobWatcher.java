package dev.translation.cli;

import dev.translation.cli.api.Job;
import dev.translation.cli.api.Pause;
import dev.translation.cli.api.TranslationApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waits for jobs by polling {@code GET /v1/jobs/{id}}, showing their progress. The pause between
 * rounds starts short, for the many jobs that take a second, and grows to {@link #MAX_INTERVAL}; a
 * round over many jobs waits longer, {@link #PER_JOB} for each, so that polling stays well under
 * the API's default 120 requests a minute per key.
 */
final class JobWatcher {

  static final Duration PER_JOB = Duration.ofMillis(600);
  static final Duration FIRST_INTERVAL = PER_JOB;
  static final Duration MAX_INTERVAL = Duration.ofSeconds(3);

  private final TranslationApi api;
  private final Pause pause;
  private final ProgressDisplay display;

  JobWatcher(TranslationApi api, Pause pause, ProgressDisplay display) {
    this.api = api;
    this.pause = pause;
    this.display = display;
  }

  /**
   * Polls until every job has finished.
   *
   * @param label what the jobs are, for the progress line
   * @param onFinished handed each job as soon as it has finished, in the order they finish
   * @return the jobs as they finished, in the order of {@code ids}
   */
  List<Job> await(String label, List<String> ids, Consumer<Job> onFinished) {
    Map<String, Job> latest = new LinkedHashMap<>();
    List<String> open = new ArrayList<>(ids);
    Duration interval = FIRST_INTERVAL;
    while (true) {
      for (String id : open) {
        latest.put(id, api.job(id));
      }
      Job.Counts counts = new Job.Counts(0, 0, 0, 0, 0, 0);
      int finished = 0;
      for (Job job : latest.values()) {
        counts = counts.plus(job.counts());
        finished += job.finished() ? 1 : 0;
      }
      String status =
          ids.size() == 1
              ? latest.get(ids.getFirst()).status()
              : finished + " of " + ids.size() + " jobs finished";
      if (finished == ids.size()) {
        display.finish(label, status, SegmentProgress.of(counts));
      } else {
        display.update(label, status, SegmentProgress.of(counts));
      }
      for (String id : List.copyOf(open)) {
        if (latest.get(id).finished()) {
          open.remove(id);
          onFinished.accept(latest.get(id));
        }
      }
      if (open.isEmpty()) {
        return ids.stream().map(latest::get).toList();
      }
      Duration perRound = PER_JOB.multipliedBy(open.size());
      sleep(perRound.compareTo(interval) > 0 ? perRound : interval);
      Duration longer = Duration.ofMillis(interval.toMillis() * 3 / 2);
      interval = longer.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : longer;
    }
  }

  private void sleep(Duration duration) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for jobs", e);
    }
  }
}
