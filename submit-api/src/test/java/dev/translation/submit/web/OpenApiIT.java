package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient.Response;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

class OpenApiIT extends ApiIntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void theOpenApiDescriptionDocumentsExactlyTheApisEndpoints() {
    Response response = anonymousClient().get("/v3/api-docs");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode document = response.json();

    Set<String> documented = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(
                        method ->
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

    Set<String> served = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (handler.getBeanType().getPackageName().startsWith("dev.translation.submit")) {
                info.getPatternValues()
                    .forEach(
                        pattern ->
                            info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> served.add(method.name() + " " + pattern)));
              }
            });

    assertThat(served)
        .contains(
            "POST /v1/translations",
            "GET /v1/jobs",
            "GET /v1/jobs/{id}",
            "GET /v1/jobs/{id}/result",
            "DELETE /v1/jobs/{id}",
            "POST /v1/jobs/{id}/segments/{n}/correction",
            "GET /v1/models");
    assertThat(documented).isEqualTo(served);
    assertThat(document.path("components").path("securitySchemes").has("bearer")).isTrue();
    assertThat(document.path("components").path("schemas").has("TranslationRequest")).isTrue();
    assertThat(document.path("components").path("schemas").has("CorrectionRequest")).isTrue();
    assertThat(document.path("components").path("schemas").has("ModelsResponse")).isTrue();
  }
}
