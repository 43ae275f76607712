package dev.translation.launcher.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The OpenAPI description's header and the two ways to present an API key. */
@Configuration(proxyBeanMethods = false)
@Profile("!batch-runner")
class OpenApiConfiguration {

  @Bean
  OpenAPI launcherApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Job launcher API")
                .version("v1")
                .description(
                    "Launch corpus batches (a corpus file or a folder of documents, translated as"
                        + " Kubernetes Jobs or local processes), follow their progress, cancel"
                        + " them, read a shard's log. Errors are RFC 9457 problem details."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "apiKeyHeader",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"))
        .addSecurityItem(new SecurityRequirement().addList("apiKeyHeader"));
  }
}
