package dev.translation.training.cli;

import dev.translation.training.benchmark.SyntheticMarianCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a random-weight Marian checkpoint of Opus-MT's shapes, for benchmarks. */
@Command(
    name = "synthetic-marian",
    mixinStandardHelpOptions = true,
    description =
        "For speed and memory measurements: writes a Hugging Face Marian checkpoint with"
            + " opus-mt-de-en's shapes (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary"
            + " 58,101) and random weights. It translates nothing; every output runs to"
            + " --max-length.")
final class SyntheticMarianCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "Checkpoint directory to create")
  Path out;

  @Option(
      names = "--sentence-piece",
      defaultValue = "models/de-en-starter/4/sentencepiece.model",
      description =
          "SentencePiece model used as source.spm and target.spm (default: ${DEFAULT-VALUE})")
  Path sentencePiece;

  @Option(
      names = "--sentence-pieces",
      defaultValue = "8000",
      description = "Vocabulary size of that SentencePiece model (default: ${DEFAULT-VALUE})")
  int sentencePieces;

  @Option(
      names = "--max-length",
      defaultValue = "24",
      description =
          "Hugging Face max_length written into config.json, start token included (default:"
              + " ${DEFAULT-VALUE})")
  int maxLength;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out)) {
      throw new IllegalArgumentException(out + " already exists");
    }
    SyntheticMarianCheckpoint.write(
        out,
        sentencePiece,
        sentencePieces,
        SyntheticMarianCheckpoint.Shape.opusMt(maxLength),
        seed);
    System.err.println("wrote " + out);
    return 0;
  }
}
