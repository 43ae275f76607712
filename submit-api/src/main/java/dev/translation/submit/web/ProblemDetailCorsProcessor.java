package dev.translation.submit.web;

import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS check, refusing with a problem detail instead of a plain-text body. */
public class ProblemDetailCorsProcessor extends DefaultCorsProcessor {

  @Override
  protected void rejectRequest(ServerHttpResponse response) throws IOException {
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response
        .getBody()
        .write(
            ProblemResponses.json(
                HttpStatus.FORBIDDEN.value(),
                "cross-origin request refused: this origin, method or header is not allowed",
                null,
                Map.of()));
    response.flush();
  }
}
