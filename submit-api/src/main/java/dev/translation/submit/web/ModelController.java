package dev.translation.submit.web;

import dev.translation.submit.jobs.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The models that serve each language pair, from the model registry the job launcher keeps. */
@RestController
@RequestMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
public class ModelController {

  private final ReadModels readModels;

  public ModelController(ReadModels readModels) {
    this.readModels = readModels;
  }

  @Operation(
      summary = "The models serving each language pair",
      description =
          "Per language pair: the active model version and the canary (with the percent of"
              + " segments it serves) if there is one, each with its scores (BLEU, chrF) per test"
              + " set and its lineage. An empty list before any model has been registered.")
  @GetMapping
  public ModelsResponse list() {
    return ModelsResponse.of(readModels.served());
  }
}
