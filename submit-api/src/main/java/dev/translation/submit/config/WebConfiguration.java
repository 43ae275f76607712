package dev.translation.submit.config;

import dev.translation.submit.security.ApiKeyInterceptor;
import dev.translation.submit.security.RequestLimitInterceptor;
import dev.translation.submit.web.ApiKeyArgumentResolver;
import dev.translation.submit.web.JobMdcInterceptor;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every {@code /v1} request is authenticated, then rate- and size-limited, then handled; the
 * OpenAPI description and the actuator stay open (the cluster's network policy guards the latter).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  private final ApiKeyInterceptor apiKeys;
  private final RequestLimitInterceptor limits;
  private final JobMdcInterceptor jobMdc;

  public WebConfiguration(
      ApiKeyInterceptor apiKeys, RequestLimitInterceptor limits, JobMdcInterceptor jobMdc) {
    this.apiKeys = apiKeys;
    this.limits = limits;
    this.jobMdc = jobMdc;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(apiKeys).addPathPatterns("/v1/**").order(0);
    registry.addInterceptor(limits).addPathPatterns("/v1/**").order(1);
    registry.addInterceptor(jobMdc).addPathPatterns("/v1/jobs/**").order(2);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new ApiKeyArgumentResolver());
  }
}
