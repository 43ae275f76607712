package dev.translation.launcher.web;

import dev.translation.launcher.launch.BatchConflictException;
import dev.translation.launcher.launch.BatchNotFoundException;
import dev.translation.launcher.launch.InvalidLaunchException;
import dev.translation.launcher.models.ModelNotFoundException;
import dev.translation.launcher.models.RolloutConflictException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps errors to RFC 9457 problem details that tell a batch owner what was wrong: 400 for a body
 * that is not the JSON asked for, 401 without a valid key, 404 for batches that are not the
 * caller's, 409 for a finished batch or a busy output, 415 for a body that is not JSON, 422 for a
 * launch that breaks a rule. A 5xx carries a reference to the log line, never a stack trace.
 */
@RestControllerAdvice
@Profile("!batch-runner")
class ProblemDetailsAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ApiKeyInterceptor.UnauthorizedException.class)
  ProblemDetail unauthorized(ApiKeyInterceptor.UnauthorizedException e) {
    return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage());
  }

  @ExceptionHandler(InvalidLaunchException.class)
  ProblemDetail invalid(InvalidLaunchException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid batch", e.getMessage());
  }

  @ExceptionHandler(BatchNotFoundException.class)
  ProblemDetail notFound(BatchNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(BatchConflictException.class)
  ProblemDetail conflict(BatchConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ProblemDetail noModel(ModelNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(RolloutConflictException.class)
  ProblemDetail rolloutConflict(RolloutConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(ModelManagers.ForbiddenException.class)
  ProblemDetail forbidden(ModelManagers.ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalidArgument(IllegalArgumentException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", e.getMessage());
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MethodArgumentTypeMismatchException.class
  })
  ProblemDetail unreadable(Exception e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Bad request",
        "the request is not what this API takes: send a JSON object with the documented fields and types");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "send application/json");
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    String reference = UUID.randomUUID().toString();
    log.error("unexpected error, reference {}", reference, e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "the launcher failed; quote reference " + reference + " when reporting it");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
