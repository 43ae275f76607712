package dev.translation.submit.web;

import dev.translation.submit.jobs.CancelJob;
import dev.translation.submit.jobs.ReadJobs;
import dev.translation.submit.security.ApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A caller's jobs: status, result, cancel, list. Other keys' jobs answer 404. Every answer is JSON:
 * a request whose Accept header allows no JSON is refused with 406 before anything is done.
 */
@RestController
@RequestMapping(path = "/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
public class JobController {

  private final ReadJobs readJobs;
  private final CancelJob cancelJob;

  public JobController(ReadJobs readJobs, CancelJob cancelJob) {
    this.readJobs = readJobs;
    this.cancelJob = cancelJob;
  }

  static String jobPath(String jobId) {
    return "/v1/jobs/" + jobId;
  }

  @Operation(summary = "List your jobs, newest first (size capped at 100)")
  @GetMapping
  public JobListResponse list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) Integer size,
      @Parameter(hidden = true) ApiKey caller) {
    return JobListResponse.of(readJobs.list(caller, page, size));
  }

  @Operation(summary = "A job's status, counts, model versions and timestamps")
  @GetMapping("/{id}")
  public JobResponse get(@PathVariable String id, @Parameter(hidden = true) ApiKey caller) {
    return JobResponse.of(readJobs.find(caller, id));
  }

  @Operation(
      summary = "A job's translations in input order",
      description =
          "Always 200 for an existing job: the job's fields as GET /v1/jobs/{id} shows them, plus"
              + " 'finished' (whether the job's status is final) and 'segments', where finished"
              + " segments carry their translation (or error) and the others are pending.")
  @GetMapping("/{id}/result")
  public JobResultResponse result(
      @PathVariable String id, @Parameter(hidden = true) ApiKey caller) {
    return JobResultResponse.of(readJobs.result(caller, id));
  }

  @Operation(
      summary = "Cancel a job",
      description =
          "Pending segments become cancelled; translated ones keep their result. Cancelling a"
              + " cancelled job is a no-op (200); cancelling a finished job is 409.")
  @DeleteMapping("/{id}")
  public JobResponse cancel(@PathVariable String id, @Parameter(hidden = true) ApiKey caller) {
    return JobResponse.of(cancelJob.cancel(caller, id));
  }
}
