package dev.translation.submit.web;

import dev.translation.submit.jobs.CorrectSegment;
import dev.translation.submit.security.ApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users' corrections of their own translations, kept for retraining. Other keys' jobs answer 404,
 * exactly as {@code GET /v1/jobs/{id}} does.
 */
@RestController
@RequestMapping(path = "/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
public class CorrectionController {

  private final CorrectSegment correctSegment;

  public CorrectionController(CorrectSegment correctSegment) {
    this.correctSegment = correctSegment;
  }

  @Operation(
      summary = "Correct a segment's translation",
      description =
          "Stores your better translation of segment n (its index in GET /v1/jobs/{id}/result's"
              + " 'segments') for retraining, with the source text, languages and the model's"
              + " translation. The segment must be done. A later correction replaces the earlier"
              + " one until a model has been trained with it; after that it is 409.")
  @ApiResponse(
      responseCode = "201",
      description = "Stored (or an earlier correction replaced)",
      content = @Content(schema = @Schema(implementation = CorrectionResponse.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job for this API key, or no segment n in it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "409",
      description =
          "The segment is not done (pending, failed or cancelled), or its correction was already"
              + " used to train a model",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "422",
      description =
          "Translation missing, blank, too long ('limit' says how long it may be) or holding"
              + " control characters",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(path = "/{id}/segments/{n}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public CorrectionResponse correct(
      @PathVariable String id,
      @Parameter(description = "The segment's index in the job's result, from 0") @PathVariable
          int n,
      @RequestBody CorrectionRequest body,
      @Parameter(hidden = true) ApiKey caller) {
    return CorrectionResponse.of(correctSegment.correct(caller, id, n, body.translation()));
  }
}
