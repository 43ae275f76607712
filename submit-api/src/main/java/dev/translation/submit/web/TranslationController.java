package dev.translation.submit.web;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.jobs.ReadJobs;
import dev.translation.submit.jobs.Submission;
import dev.translation.submit.jobs.SubmitJob;
import dev.translation.submit.jobs.WaitForJob;
import dev.translation.submit.security.ApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts translation jobs. The mapping decides before the handler runs whether it can read the
 * body (JSON, else 415) and produce an answer (JSON, else 406), so a refused request creates
 * nothing.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
public class TranslationController {

  /** Header with which a client makes a submit safe to retry. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Set on a response that answers a retried submit with the earlier job. */
  public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  private final SubmitJob submitJob;
  private final WaitForJob waitForJob;
  private final ReadJobs readJobs;
  private final ApiProperties properties;

  public TranslationController(
      SubmitJob submitJob, WaitForJob waitForJob, ReadJobs readJobs, ApiProperties properties) {
    this.submitJob = submitJob;
    this.waitForJob = waitForJob;
    this.readJobs = readJobs;
    this.properties = properties;
  }

  @Operation(
      summary = "Submit texts for translation",
      description =
          "Accepts the job once it is durable and answers 202 with the job and a Location to"
              + " poll. With ?wait=2s the call waits up to that long (capped) and answers 200 with"
              + " the result (the job's fields plus 'finished' and 'segments', as GET"
              + " /v1/jobs/{id}/result) when the job finishes in time. Validation errors are 422;"
              + " malformed JSON, wrong types or a body that is not UTF-8 are 400; a Content-Type"
              + " other than application/json is 415.")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; poll the Location",
      content = @Content(schema = @Schema(implementation = JobResponse.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Finished within ?wait: the job with its segments, as GET /v1/jobs/{id}/result",
      content = @Content(schema = @Schema(implementation = JobResultResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON, wrong types, invalid UTF-8 or a bad 'wait'",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "422",
      description = "Invalid request (empty, too many or too long texts, unsupported pair)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(path = "/v1/translations", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> submit(
      @RequestBody TranslationRequest body,
      @Parameter(description = "Makes the submit safe to retry: same key + same body = same job")
          @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
          String idempotencyKey,
      @Parameter(description = "Wait up to this long for the result, e.g. 2s, 500ms, PT2S")
          @RequestParam(name = "wait", required = false)
          String wait,
      @Parameter(hidden = true) ApiKey caller) {
    Duration waitFor = WaitParameter.parse(wait, properties.await().max());
    Submission submission =
        submitJob.submit(caller, body.toSubmitRequest(), checkIdempotencyKey(idempotencyKey));
    String jobId = submission.job().id();
    if (!waitFor.isZero() && waitForJob.awaitFinished(jobId, waitFor)) {
      return ResponseEntity.ok()
          .header(IDEMPOTENT_REPLAYED, Boolean.toString(submission.replayed()))
          .body(JobResultResponse.of(readJobs.result(caller, jobId)));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create(JobController.jobPath(jobId)))
        .header(IDEMPOTENT_REPLAYED, Boolean.toString(submission.replayed()))
        .body(JobResponse.of(submission.job()));
  }

  static String checkIdempotencyKey(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new MalformedRequestException(
          IDEMPOTENCY_KEY
              + " must be 1 to "
              + MAX_IDEMPOTENCY_KEY_LENGTH
              + " characters, e.g. a UUID the client generates once per logical request");
    }
    return key;
  }
}
