package dev.translation.submit.web;

import dev.translation.submit.jobs.IdempotencyKeyReusedException;
import dev.translation.submit.jobs.InvalidRequestException;
import dev.translation.submit.jobs.JobAlreadyFinishedException;
import dev.translation.submit.jobs.JobNotFoundException;
import dev.translation.submit.security.ApiKeyRejectedException;
import dev.translation.submit.security.RateLimitExceededException;
import dev.translation.submit.security.RequestTooLargeException;
import dev.translation.submit.security.TooManyFailedAuthenticationsException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every error to an RFC 9457 problem detail whose {@code detail} tells a person what was wrong
 * and what is allowed. Status codes: 400 for a body that is not JSON or has wrong types, 422 for
 * well-formed requests that break a rule (empty or too many texts, text too long, unsupported
 * language pair, reused Idempotency-Key), 401 without a valid key, 404 for jobs that are not the
 * caller's, 409 to cancel a finished job, 413 for oversized bodies, 429 above the rate or after too
 * many failed authentications. A 5xx carries a reference to the log line, never a stack trace.
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
  ResponseEntity<ProblemDetail> notFound(JobNotFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> finished(
      JobAlreadyFinishedException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), request).build();
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

  static String unreadableBody(HttpMessageNotReadableException e) {
    MismatchedInputException mismatch = causeOfType(e, MismatchedInputException.class);
    if (mismatch != null) {
      String field = path(mismatch.getPath());
      String expected =
          mismatch.getTargetType() == null ? "another type" : typeName(mismatch.getTargetType());
      if (field.isEmpty()) {
        return "the request body must be a JSON object like {\"texts\": [\"Hallo Welt\"],"
            + " \"source\": \"de\", \"target\": \"en\"}";
      }
      return "field '" + field + "' has the wrong type: expected " + expected;
    }
    StreamReadException malformed = causeOfType(e, StreamReadException.class);
    if (malformed != null) {
      TokenStreamLocation location = malformed.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      return "malformed JSON" + where + ": " + firstLine(malformed.getOriginalMessage());
    }
    JacksonException other = causeOfType(e, JacksonException.class);
    if (other != null) {
      return "the request body is not valid: " + firstLine(other.getOriginalMessage());
    }
    return "the request body is missing or is not JSON; send {\"texts\": [...], \"source\": \"de\","
        + " \"target\": \"en\"} with Content-Type: application/json";
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

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    return message.lines().findFirst().orElse(message).strip();
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
    body.setInstance(URI.create(request.getRequestURI()));
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
      return ResponseEntity.status(status).headers(headers).body(body);
    }
  }
}
