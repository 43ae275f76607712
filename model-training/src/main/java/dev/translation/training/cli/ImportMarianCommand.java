package dev.translation.training.cli;

import dev.translation.engine.bundle.ModelManifest;
import dev.translation.training.marian.MarianImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Converts a Hugging Face Marian (Opus-MT) checkpoint directory into a model bundle. */
@Command(
    name = "import-marian",
    description = {
      "Converts a Hugging Face Marian (Opus-MT) checkpoint directory (config.json,"
          + " pytorch_model.bin or model.safetensors, source.spm, target.spm, vocab.json) into a"
          + " model bundle that decodes as Hugging Face's generate does.",
      "Exit codes: 0 converted, 1 refused (the message says why), 2 bad usage."
    })
final class ImportMarianCommand implements Callable<Integer> {

  // --version names the model's version here, so only --help is added.
  @Mixin HelpOption help;

  @Parameters(paramLabel = "DIR", description = "The checkpoint directory")
  Path checkpoint;

  @Option(names = "--out", required = true, description = "Bundle directory to create")
  Path out;

  @Option(
      names = "--name",
      description = "Model name (default: the checkpoint's, e.g. opus-mt-de-en)")
  String name;

  @Option(names = "--version", description = "Model version (default: 1)")
  String version;

  @Option(
      names = "--languages",
      paramLabel = "SRC-TGT",
      description = "Language pair, e.g. de-en (default: from an Opus-MT name)")
  String languages;

  @Option(
      names = "--max-length",
      description =
          "Hugging Face max_length to decode with, start token included (default: the"
              + " checkpoint's, 512 for Opus-MT)")
  Integer maxLength;

  @Option(
      names = "--length-normalisation",
      defaultValue = ModelManifest.Generation.HUGGING_FACE,
      description =
          "hugging-face (sum of log-probabilities / length^penalty, as generate) or gnmt"
              + " (default: ${DEFAULT-VALUE})")
  String lengthNormalisation;

  @Override
  public Integer call() throws Exception {
    MarianImport.Request request =
        MarianImport.Request.of(checkpoint, out)
            .withName(name, version)
            .withMaxLength(maxLength)
            .withLengthNormalisation(lengthNormalisation);
    if (languages != null) {
      String[] pair = languages.split("-", 2);
      if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
        throw new IllegalArgumentException("--languages takes SRC-TGT, e.g. de-en");
      }
      request = request.withLanguages(pair[0], pair[1]);
    }
    MarianImport.run(request, System.err::println);
    return 0;
  }
}
