package dev.translation.submit.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Request bodies must be valid UTF-8 before Jackson sees them. Jackson decodes leniently: it reads
 * the overlong {@code C0 AF} as {@code /}, so a text could be stored as something its bytes never
 * said. The body is already bounded by {@link RequestBodyLimitFilter}, so reading it whole is safe;
 * a bad body fails here, before the handler runs, and nothing is created.
 */
@ControllerAdvice
public class StrictUtf8RequestBodyAdvice extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(
      HttpInputMessage input,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType)
      throws IOException {
    byte[] body = input.getBody().readAllBytes();
    long invalidAt = firstInvalidUtf8Offset(body);
    if (invalidAt >= 0) {
      throw new InvalidUtf8BodyException(invalidAt);
    }
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return input.getHeaders();
      }
    };
  }

  /**
   * Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1 if there is
   * none. The JDK's decoder refuses overlong forms, encoded surrogates, code points above U+10FFFF
   * and truncated sequences.
   */
  static long firstInvalidUtf8Offset(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return decoder.flush(out).isError() ? in.position() : -1;
      }
      out.clear(); // overflow: the decoded characters are not needed, only whether decoding works
    }
  }
}
