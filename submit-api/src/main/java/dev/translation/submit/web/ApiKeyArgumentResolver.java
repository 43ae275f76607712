package dev.translation.submit.web;

import dev.translation.submit.security.ApiKey;
import dev.translation.submit.security.ApiKeyInterceptor;
import dev.translation.submit.security.ApiKeyRejectedException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the {@link ApiKey} that {@link ApiKeyInterceptor} authenticated. */
public class ApiKeyArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == ApiKey.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    Object key = request.getAttribute(ApiKeyInterceptor.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (key == null) {
      // A handler outside /v1 asked for a key: fail closed.
      throw new ApiKeyRejectedException("this endpoint needs an API key", false);
    }
    return key;
  }
}
