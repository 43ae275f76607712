package dev.translation.submit.web;

import dev.translation.documents.DocumentException;
import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.UnsupportedDocumentException;
import dev.translation.submit.jobs.CorrectionAlreadyUsedException;
import dev.translation.submit.jobs.IdempotencyKeyReusedException;
import dev.translation.submit.jobs.InvalidRequestException;
import dev.translation.submit.jobs.JobAlreadyFinishedException;
import dev.translation.submit.jobs.JobNotFinishedException;
import dev.translation.submit.jobs.JobNotFoundException;
import dev.translation.submit.jobs.NotADocumentJobException;
import dev.translation.submit.jobs.SegmentNotFoundException;
import dev.translation.submit.jobs.SegmentNotTranslatedException;
import dev.translation.submit.security.ApiKeyRejectedException;
import dev.translation.submit.security.RateLimitExceededException;
import dev.translation.submit.security.TooManyFailedAuthenticationsException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every error to an RFC 9457 problem detail whose {@code detail} tells a person what was wrong
 * and what is allowed, in the API's own words (never a class name or a library's message). Status
 * codes: 400 for a body that is not UTF-8 JSON or has wrong types, 422 for well-formed requests
 * that break a rule (empty or too many texts, text too long, unsupported language pair, reused
 * Idempotency-Key), 401 without a valid key, 404 for jobs that are not the caller's, 406 when the
 * Accept header allows no JSON, 409 to cancel a finished job or to correct a segment that is not
 * done or whose correction a model has used, 413 for oversized bodies, 415 for a body that is not
 * application/json, 429 above the rate or after too many failed authentications. A 5xx carries a
 * reference to the log line, never a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  /** Realm in WWW-Authenticate challenges. */
  static final String REALM = "translation-api";

  @ExceptionHandler
  ResponseEntity<ProblemDetail> apiKeyRejected(
      ApiKeyRejectedException e, HttpServletRequest request) {
    String challenge =
        "Bearer realm=\""
            + REALM
            + "\""
            + (e.keyPresent()
                ? ", error=\"invalid_token\", error_description=\"" + e.getMessage() + "\""
                : "");
    return problem(HttpStatus.UNAUTHORIZED, e.getMessage(), request)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> rateLimited(
      RateLimitExceededException e, HttpServletRequest request) {
    long seconds = retryAfterSeconds(e.retryAfter());
    return problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .property("retryAfterSeconds", seconds)
        .property("requestsPerMinute", e.requestsPerMinute())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> tooManyFailedAuthentications(
      TooManyFailedAuthenticationsException e, HttpServletRequest request) {
    long seconds = retryAfterSeconds(e.retryAfter());
    return problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .property("retryAfterSeconds", seconds)
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException e, HttpServletRequest request) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), request)
        .property("limitBytes", e.limitBytes())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
    Problem problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), request);
    e.details().forEach(problem::property);
    return problem.build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> idempotencyKeyReused(
      IdempotencyKeyReusedException e, HttpServletRequest request) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), request)
        .property("jobId", e.existingJobId())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> malformed(MalformedRequestException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidUtf8(
      InvalidUtf8BodyException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request)
        .property("offset", e.offset())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notFound(JobNotFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> segmentNotFound(
      SegmentNotFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> segmentNotTranslated(
      SegmentNotTranslatedException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), request)
        .property("segmentStatus", e.status())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> correctionUsed(
      CorrectionAlreadyUsedException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), request)
        .property("usedByModel", e.usedByModel())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> finished(
      JobAlreadyFinishedException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unsupportedDocument(
      UnsupportedDocumentException e, HttpServletRequest request) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), request)
        .property("supportedFormats", DocumentFormat.supported())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> documentTooLarge(
      DocumentTooLargeException e, HttpServletRequest request) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unreadableDocument(
      DocumentException e, HttpServletRequest request) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notFinished(JobNotFinishedException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), request)
        .property("jobId", e.jobId())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notADocument(
      NotADocumentJobException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), request).build();
  }

  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
  ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
    log.warn(
        "database unavailable for {} {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        e.toString());
    return problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the job database is unavailable right now; retry shortly",
            request)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    String reference = UUID.randomUUID().toString();
    log.error(
        "unexpected error {} for {} {}",
        reference,
        request.getMethod(),
        request.getRequestURI(),
        e);
    return problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal error; quote reference " + reference + " when reporting it",
            request)
        .property("reference", reference)
        .build();
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return withDetail(
        e,
        "this endpoint answers with application/json (errors with application/problem+json),"
            + " which the Accept header '"
            + accept
            + "' does not allow",
        headers,
        status,
        request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String sent =
        contentType == null || contentType.isBlank()
            ? "the request has no Content-Type"
            : "Content-Type '" + contentType + "' is not supported";
    return withDetail(
        e, sent + "; send the body as application/json (UTF-8)", headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
      HttpRequestMethodNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String allowed =
        e.getSupportedHttpMethods() == null
            ? ""
            : "; allowed: "
                + String.join(
                    ", ", e.getSupportedHttpMethods().stream().map(HttpMethod::name).toList());
    return withDetail(
        e,
        "method " + e.getMethod() + " is not allowed on this path" + allowed,
        headers,
        status,
        request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return withDetail(e, ProblemResponses.detailFor(404), headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return withDetail(e, ProblemResponses.detailFor(404), headers, status, request);
  }

  /**
   * Every problem Spring MVC's own exceptions produce passes here: it gets the request path as its
   * {@code instance}, and a 5xx loses its detail (which may name internals) for a log reference.
   * The content type is set rather than negotiated, so that even a request whose Accept header
   * allows nothing, or cannot be parsed, gets its problem detail.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(e, body, headers, status, request);
    if (response == null
        || !(response.getBody() instanceof ProblemDetail problem)
        || !(request instanceof ServletWebRequest servlet)) {
      return response;
    }
    if (problem.getInstance() == null) {
      problem.setInstance(ProblemResponses.instance(servlet.getRequest().getRequestURI()));
    }
    HttpHeaders problemHeaders = HttpHeaders.copyOf(response.getHeaders());
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status.is5xxServerError()) {
      String reference = UUID.randomUUID().toString();
      log.error(
          "error {} for {} {}",
          reference,
          servlet.getRequest().getMethod(),
          servlet.getRequest().getRequestURI(),
          e);
      problem.setDetail("internal error; quote reference " + reference + " when reporting it");
      problem.setProperty("reference", reference);
    }
    return new ResponseEntity<>(problem, problemHeaders, response.getStatusCode());
  }

  private ResponseEntity<Object> withDetail(
      Exception e, String detail, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return handleExceptionInternal(
        e, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    RequestTooLargeException tooLarge = causeOfType(e, RequestTooLargeException.class);
    if (tooLarge != null) {
      ProblemDetail body =
          ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
      body.setProperty("limitBytes", tooLarge.limitBytes());
      return handleExceptionInternal(e, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableBody(e));
    return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : e.getPropertyName();
    String expected = e.getRequiredType() == null ? "another type" : typeName(e.getRequiredType());
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "parameter '" + name + "' must be " + expected + ", got '" + e.getValue() + "'");
    return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
  }

  /**
   * What is wrong with an unreadable body, in the API's words: the field and the JSON type it
   * needs, or the line and column where the JSON breaks. Jackson's own messages name Java types and
   * parser settings, so none of their text is passed on.
   */
  static String unreadableBody(HttpMessageNotReadableException e) {
    MismatchedInputException mismatch = causeOfType(e, MismatchedInputException.class);
    if (mismatch != null) {
      String field = path(mismatch.getPath());
      if (field.isEmpty()) {
        // Another JSON value than an object, or more JSON after the object.
        return "the request body must be a JSON object like {\"texts\": [\"Hallo Welt\"],"
            + " \"source\": \"de\", \"target\": \"en\"} and nothing after it"
            + at(mismatch.getLocation());
      }
      String expected =
          mismatch.getTargetType() == null ? "another type" : typeName(mismatch.getTargetType());
      return "field '" + field + "' has the wrong type: expected " + expected;
    }
    StreamConstraintsException overLimit = causeOfType(e, StreamConstraintsException.class);
    if (overLimit != null) {
      return "the JSON is nested too deeply or holds an overlong number, string or name"
          + at(overLimit.getLocation());
    }
    UnexpectedEndOfInputException truncated = causeOfType(e, UnexpectedEndOfInputException.class);
    if (truncated != null) {
      return "malformed JSON"
          + at(truncated.getLocation())
          + ": the body ends before the JSON is complete";
    }
    StreamReadException malformed = causeOfType(e, StreamReadException.class);
    if (malformed != null) {
      return "malformed JSON"
          + at(malformed.getLocation())
          + ": not valid JSON there (check quotes, commas and brackets)";
    }
    if (causeOfType(e, JacksonException.class) != null) {
      return "the request body could not be read as {\"texts\": [...], \"source\": \"de\","
          + " \"target\": \"en\"}";
    }
    return "the request body is missing or is not JSON; send {\"texts\": [...], \"source\": \"de\","
        + " \"target\": \"en\"} with Content-Type: application/json";
  }

  private static String at(TokenStreamLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String path(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : references) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static final Map<Class<?>, String> TYPE_NAMES =
      Map.of(
          String.class, "a string",
          Integer.class, "an integer",
          int.class, "an integer",
          Long.class, "an integer",
          long.class, "an integer",
          List.class, "an array",
          Boolean.class, "true or false",
          boolean.class, "true or false");

  private static String typeName(Class<?> type) {
    String known = TYPE_NAMES.get(type);
    if (known != null) {
      return known;
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static Problem problem(HttpStatus status, String detail, HttpServletRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setInstance(ProblemResponses.instance(request.getRequestURI()));
    return new Problem(status, body);
  }

  /** A small builder, so handlers read as one expression. */
  private static final class Problem {
    private final HttpStatus status;
    private final ProblemDetail body;
    private final HttpHeaders headers = new HttpHeaders();

    Problem(HttpStatus status, ProblemDetail body) {
      this.status = status;
      this.body = body;
    }

    Problem header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    Problem property(String name, Object value) {
      body.setProperty(name, value);
      return this;
    }

    ResponseEntity<ProblemDetail> build() {
      return ResponseEntity.status(status)
          .headers(headers)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(body);
    }
  }
}
