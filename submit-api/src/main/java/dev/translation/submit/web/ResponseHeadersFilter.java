package dev.translation.submit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every response the {@linkplain ProblemResponses#addStandardHeaders standard headers},
 * before anything else runs, so refusals by later filters carry them too.
 */
public class ResponseHeadersFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ProblemResponses.addStandardHeaders(response);
    chain.doFilter(request, response);
  }
}
