package dev.translation.submit.web;

import dev.translation.submit.config.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body, whatever its path: a Content-Length over the limit is refused with 413
 * before anything reads the body, and a body without one (chunked) fails with {@link
 * RequestTooLargeException} as soon as reading passes the limit, which {@link ProblemDetailsAdvice}
 * answers with 413. Applied to all paths because a path check is only as good as its agreement with
 * the handler mapping on what the path is.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  /** Room for a document upload's form fields and part headers beside the file. */
  private static final long FORM_OVERHEAD_BYTES = 64 * 1024;

  private final ApiProperties properties;

  public RequestBodyLimitFilter(ApiProperties properties) {
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = properties.limits().maxRequestSize().toBytes();
    if (request.getRequestURI().equals("/v1/documents")) {
      // A file plus its form fields and part headers.
      limit = properties.documents().maxFileSize().toBytes() + FORM_OVERHEAD_BYTES;
    }
    if (request.getContentLengthLong() > limit) {
      ProblemResponses.write(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          new RequestTooLargeException(limit).getMessage(),
          request.getRequestURI(),
          Map.of("limitBytes", limit));
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit);
      }
      return stream;
    }

    // Without this, getReader() would read the unbounded body of the wrapped request.
    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream delegate;
    private final long limit;
    private long read;

    LimitedInputStream(ServletInputStream delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws RequestTooLargeException {
      read += n;
      if (read > limit) {
        throw new RequestTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
