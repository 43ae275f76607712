package dev.translation.submit.web;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.security.ApiKeyInterceptor;
import dev.translation.submit.security.RequestLimitInterceptor;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The request path through the application. Servlet filters first, for every request whatever its
 * path: standard response headers, refusal of path parameters, the body size limit, and CORS (so a
 * browser's preflight is answered before authentication, which it cannot pass). Then, for every
 * {@code /v1} request: authentication, the per-key rate, and the handler. The OpenAPI description
 * and the actuator stay open (in a cluster the actuator is on a management port that neither the
 * Service nor the Ingress publishes), and so does the web page ({@code static/}: {@code /}, {@code
 * /app.js}, {@code /app.css}), which holds nothing secret and calls the {@code /v1} API with the
 * key its user enters.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  // After Spring's observation filter (HIGHEST_PRECEDENCE + 1), so refused requests are measured
  // too, and before everything else that might read the body.
  private static final int FIRST_FILTER = Ordered.HIGHEST_PRECEDENCE + 10;

  private final ApiKeyInterceptor apiKeys;
  private final RequestLimitInterceptor limits;
  private final JobMdcInterceptor jobMdc;

  public WebConfiguration(
      ApiKeyInterceptor apiKeys, RequestLimitInterceptor limits, JobMdcInterceptor jobMdc) {
    this.apiKeys = apiKeys;
    this.limits = limits;
    this.jobMdc = jobMdc;
  }

  @Bean
  FilterRegistrationBean<ResponseHeadersFilter> responseHeadersFilter() {
    return registration(new ResponseHeadersFilter(), 0);
  }

  @Bean
  FilterRegistrationBean<PathParameterFilter> pathParameterFilter() {
    return registration(new PathParameterFilter(), 1);
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ApiProperties properties) {
    return registration(new RequestBodyLimitFilter(properties), 2);
  }

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(ApiProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.cors().allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
    cors.setAllowedHeaders(
        List.of(
            HttpHeaders.AUTHORIZATION,
            ApiKeyInterceptor.API_KEY_HEADER,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            TranslationController.IDEMPOTENCY_KEY));
    cors.setExposedHeaders(
        List.of(
            HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE,
            TranslationController.IDEMPOTENT_REPLAYED));
    cors.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    CorsFilter filter = new CorsFilter(source);
    filter.setCorsProcessor(new ProblemDetailCorsProcessor());
    return registration(filter, 3);
  }

  private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, int position) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(FIRST_FILTER + position);
    return registration;
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
