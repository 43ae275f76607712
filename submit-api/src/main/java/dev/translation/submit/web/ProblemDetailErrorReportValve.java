package dev.translation.submit.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as a problem detail instead of its HTML page. It answers the requests
 * Tomcat refuses before any servlet runs: a malformed request line, URI or header, headers over the
 * size limit, an unsupported HTTP version. Everything that reaches the application is answered by
 * {@link ProblemDetailsAdvice} or {@link ProblemErrorController} instead. Never includes Tomcat's
 * message or the exception: they name internals and may echo the malformed input.
 */
public class ProblemDetailErrorReportValve extends ErrorReportValve {

  private final long maxHeaderBytes;

  /**
   * @param maxHeaderBytes the configured size limit of the request line and headers, quoted in 400
   *     answers
   */
  public ProblemDetailErrorReportValve(long maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // The same guards as Tomcat's report: only errors, only once, only if nothing was written and
    // the connection can still carry an answer.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String detail = ProblemResponses.detailFor(status);
    if (status == 400) {
      detail += "; the request line and headers together may be up to " + maxHeaderBytes + " bytes";
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      ProblemResponses.addStandardHeaders(response);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(
            new String(
                ProblemResponses.json(status, detail, null, Map.of()), StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was committed meanwhile: nothing left to tell it.
    }
  }
}
