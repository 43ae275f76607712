package dev.translation.submit.web;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.jobs.DocumentUpload;
import dev.translation.submit.jobs.DownloadDocument;
import dev.translation.submit.jobs.Submission;
import dev.translation.submit.jobs.SubmitDocument;
import dev.translation.submit.jobs.TranslatedDocument;
import dev.translation.submit.security.ApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files in, files out: a document is submitted as multipart form data and becomes a job like any
 * other; once it has finished, its translated file is downloaded in the original's format.
 */
@RestController
public class DocumentController {

  /** Set on a download in which some sentences failed and stand in the source language. */
  public static final String INCOMPLETE_TEXTS = "Translation-Incomplete-Texts";

  private final SubmitDocument submitDocument;
  private final DownloadDocument downloadDocument;
  private final ApiProperties properties;

  public DocumentController(
      SubmitDocument submitDocument, DownloadDocument downloadDocument, ApiProperties properties) {
    this.submitDocument = submitDocument;
    this.downloadDocument = downloadDocument;
    this.properties = properties;
  }

  @Operation(
      summary = "Submit a document for translation",
      description =
          "Multipart form data: 'file', 'source', 'target', optional 'priority'. The format is"
              + " detected from the content (plain text, Markdown, HTML, DOCX, PPTX, XLSX, SRT,"
              + " WebVTT, XLIFF 1.2/2.x, PDF): a file whose content is none of these, or not what"
              + " its name says, is 415. A PDF's text is translated into a DOCX; its layout is not"
              + " rebuilt; with 'output' txt it comes back as plain text. Up to translation.api.documents.max-file-size (20 MB by default) and"
              + " max-segments sentences; larger corpora belong to corpus jobs. Answers 202 with"
              + " the job; poll it, then download GET /v1/jobs/{id}/document. Jobs and their files"
              + " are deleted after the retention period (7 days by default).")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; poll the Location",
      content = @Content(schema = @Schema(implementation = JobResponse.class)))
  @ApiResponse(
      responseCode = "415",
      description = "Not a supported format, or not the format its name says",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "422",
      description = "A malformed file, or languages or sizes that are not allowed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(
      path = "/v1/documents",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JobResponse> submit(
      @RequestParam("file") MultipartFile file,
      @RequestParam("source") String source,
      @RequestParam("target") String target,
      @RequestParam(name = "priority", required = false) String priority,
      @Parameter(description = "Return the translation in this format: txt for a PDF's text")
          @RequestParam(name = "output", required = false)
          String output,
      @Parameter(description = "Makes the submit safe to retry: same key + same file = same job")
          @RequestHeader(name = TranslationController.IDEMPOTENCY_KEY, required = false)
          String idempotencyKey,
      @Parameter(hidden = true) ApiKey caller)
      throws IOException {
    if (file.getSize() > properties.documents().maxFileSize().toBytes()) {
      throw new RequestTooLargeException(properties.documents().maxFileSize().toBytes());
    }
    Submission submission =
        submitDocument.submit(
            caller,
            new DocumentUpload(
                file.getOriginalFilename(), file.getBytes(), source, target, priority, output),
            TranslationController.checkIdempotencyKey(idempotencyKey));
    String jobId = submission.job().id();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create(JobController.jobPath(jobId)))
        .header(TranslationController.IDEMPOTENT_REPLAYED, Boolean.toString(submission.replayed()))
        .body(JobResponse.of(submission.job()));
  }

  @Operation(
      summary = "Download a document job's translated file",
      description =
          "The original's format (a PDF's is DOCX), named like report.en.docx. 409 before the job"
              + " has finished. A job in which some sentences failed still downloads, with those"
              + " sentences in the source language and the number of affected texts in the "
              + INCOMPLETE_TEXTS
              + " header.")
  @ApiResponse(responseCode = "200", description = "The translated file")
  @ApiResponse(
      responseCode = "409",
      description = "The job has not finished yet",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  @GetMapping(path = "/v1/jobs/{id}/document")
  public ResponseEntity<byte[]> download(
      @PathVariable("id") String id, @Parameter(hidden = true) ApiKey caller) {
    TranslatedDocument document = downloadDocument.download(caller, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.format().mediaType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(document.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header(INCOMPLETE_TEXTS, Integer.toString(document.incompleteTexts()))
        .body(document.content());
  }
}
