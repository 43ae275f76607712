package dev.translation.submit.jobs;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.StoredJob;
import dev.translation.submit.persistence.StoredSegment;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/** A caller's jobs as they stand: one job, one job with its texts, or a page of jobs. */
@Service
public class ReadJobs {

  private final SubmittedJobRepository jobs;
  private final ApiProperties.Listing listing;

  public ReadJobs(SubmittedJobRepository jobs, ApiProperties properties) {
    this.jobs = jobs;
    this.listing = properties.listing();
  }

  /** The caller's job with the model versions used so far. */
  public TranslationJob find(ApiKey caller, String jobId) {
    StoredJob job =
        jobs.findOwned(JobIds.require(jobId), caller.id())
            .orElseThrow(() -> new JobNotFoundException(jobId));
    return TranslationJob.of(
        job, jobs.modelVersions(List.of(job.id())).getOrDefault(job.id(), List.of()));
  }

  /** The caller's job and all its texts in input order, finished or not. */
  public JobResult result(ApiKey caller, String jobId) {
    StoredJob job =
        jobs.findOwned(JobIds.require(jobId), caller.id())
            .orElseThrow(() -> new JobNotFoundException(jobId));
    List<StoredSegment> segments = jobs.segments(job.id());
    // The model versions come with the segments: one read fewer than find().
    List<String> versions =
        segments.stream()
            .map(StoredSegment::modelVersion)
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList();
    return new JobResult(TranslationJob.of(job, versions), TextAssembler.texts(segments));
  }

  /** A page of the caller's jobs, newest first; the size is capped at the configured maximum. */
  public JobPage list(ApiKey caller, int page, Integer requestedSize) {
    if (page < 0) {
      throw new InvalidRequestException("'page' must be 0 or more, was " + page);
    }
    int size = requestedSize == null ? listing.defaultSize() : requestedSize;
    if (size < 1) {
      throw new InvalidRequestException("'size' must be 1 or more, was " + size);
    }
    size = Math.min(size, listing.maxSize());
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE) {
      throw new InvalidRequestException("'page' " + page + " is beyond the last page");
    }
    List<StoredJob> found = jobs.findPage(caller.id(), (int) offset, size);
    Map<String, List<String>> versions =
        jobs.modelVersions(found.stream().map(StoredJob::id).toList());
    List<TranslationJob> withVersions =
        found.stream()
            .map(j -> TranslationJob.of(j, versions.getOrDefault(j.id(), List.of())))
            .toList();
    return new JobPage(withVersions, page, size, jobs.count(caller.id()));
  }
}
