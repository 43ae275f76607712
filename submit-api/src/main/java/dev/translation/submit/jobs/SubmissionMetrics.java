package dev.translation.submit.jobs;

import dev.translation.contracts.Lane;
import dev.translation.contracts.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts accepted jobs and their segments per lane. Every lane's counters exist from the start, so
 * a dashboard shows 0 rather than nothing for a lane nobody used yet.
 */
@Component
public class SubmissionMetrics {

  private final Map<Lane, Counter> jobs = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> segments = new EnumMap<>(Lane.class);

  public SubmissionMetrics(MeterRegistry meters) {
    for (Lane lane : Lane.values()) {
      String tag = lane.name().toLowerCase(Locale.ROOT);
      jobs.put(
          lane,
          Counter.builder(MetricNames.JOBS_SUBMITTED)
              .description("Translation jobs accepted")
              .tag(MetricNames.TAG_LANE, tag)
              .register(meters));
      segments.put(
          lane,
          Counter.builder(MetricNames.SEGMENTS_SUBMITTED)
              .description("Segments in accepted translation jobs")
              .tag(MetricNames.TAG_LANE, tag)
              .register(meters));
    }
  }

  /** A job of {@code segmentCount} segments was accepted on {@code lane}. */
  void accepted(Lane lane, int segmentCount) {
    jobs.get(lane).increment();
    segments.get(lane).increment(segmentCount);
  }
}
