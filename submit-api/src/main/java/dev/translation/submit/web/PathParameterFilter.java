package dev.translation.submit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses path parameters ({@code ;} in the path, as in {@code /v1;x=1/translations}) with 400.
 * Tomcat and Spring strip them before matching a handler, while anything comparing the raw path
 * sees a different path: that gap once let a request skip the body limit. The API uses none, so
 * refusing them closes the gap for every check, present and future.
 */
public class PathParameterFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().indexOf(';') >= 0) {
      ProblemResponses.write(
          response,
          HttpStatus.BAD_REQUEST,
          "path parameters (';' in the path) are not supported; send the path without them, e.g."
              + " /v1/translations",
          null,
          Map.of());
      return;
    }
    chain.doFilter(request, response);
  }
}
