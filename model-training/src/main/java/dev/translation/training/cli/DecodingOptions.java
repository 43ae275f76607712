package dev.translation.training.cli;

import dev.translation.engine.inference.DecodeOptions;
import picocli.CommandLine.Option;

/** The decoding flags of the commands that translate ({@code translate}, {@code evaluate}). */
final class DecodingOptions {

  @Option(
      names = "--beam",
      defaultValue = "4",
      description = "Beam size; 1 = greedy (default: ${DEFAULT-VALUE})")
  int beam;

  @Option(
      names = "--length-penalty",
      description =
          "Beam search length normalisation, 0 to 2; higher favours longer output (default: the"
              + " model's own, 2.0 for models trained here, 1.0 for imported Opus-MT models)")
  Double lengthPenalty;

  DecodeOptions decodeOptions() {
    return new DecodeOptions(beam, lengthPenalty);
  }
}
