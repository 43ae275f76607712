package dev.translation.submit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}) as a problem detail, in place of Spring
 * Boot's own JSON. It answers errors raised outside Spring MVC's exception handling, such as an
 * exception thrown by a servlet filter or an error status the container sets itself. A 5xx carries
 * a reference to the log line, never the exception.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  // No method restriction: the error dispatch keeps the failed request's method.
  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
    ProblemResponses.addStandardHeaders(response);
    if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
      // A client asked for /error itself.
      ProblemDetail notFound =
          ProblemDetail.forStatusAndDetail(
              HttpStatusCode.valueOf(404), ProblemResponses.detailFor(404));
      return ResponseEntity.status(404)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(notFound);
    }
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatusCode.valueOf(status), ProblemResponses.detailFor(status));
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      body.setInstance(ProblemResponses.instance(uri));
    }
    if (status >= 500) {
      String reference = UUID.randomUUID().toString();
      // The container has logged the exception with its stack trace already.
      log.error(
          "error {} for {} {}: {}",
          reference,
          request.getMethod(),
          request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
          request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
      body.setDetail("internal error; quote reference " + reference + " when reporting it");
      body.setProperty("reference", reference);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
