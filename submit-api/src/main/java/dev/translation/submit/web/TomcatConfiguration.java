package dev.translation.submit.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Tomcat answers the requests it refuses itself (malformed request line, URI or headers, headers
 * over the size limit) with a problem detail like every other error, instead of its HTML page.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

  /**
   * Replaces the Host's error report valve, which Spring Boot's own customizer (order 0) adds; this
   * one runs after it.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailErrorReports(
      ServerProperties server) {
    long maxHeaderBytes = server.getMaxHttpRequestHeaderSize().toBytes();
    return factory ->
        factory.addContextCustomizers(
            context -> {
              StandardHost host = (StandardHost) context.getParent();
              for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                  host.getPipeline().removeValve(valve);
                }
              }
              // Naming the class stops the Host from adding Tomcat's default valve at start.
              host.setErrorReportValveClass(ProblemDetailErrorReportValve.class.getName());
              host.getPipeline().addValve(new ProblemDetailErrorReportValve(maxHeaderBytes));
            });
  }
}
