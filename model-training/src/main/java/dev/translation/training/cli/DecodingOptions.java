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
      defaultValue = "" + DecodeOptions.DEFAULT_LENGTH_PENALTY,
      description =
          "Beam search length normalisation, 0 to 2; higher favours longer output (default:"
              + " ${DEFAULT-VALUE})")
  double lengthPenalty;

  DecodeOptions decodeOptions() {
    return new DecodeOptions(beam, lengthPenalty);
  }
}
