package dev.translation.training.cli;

import dev.translation.engine.EngineException;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.TranslationEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Translates lines of German text from a file or standard input, one output line per line. */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = "Translates each input line (from FILE or standard input) to one output line.")
final class TranslateCommand implements Callable<Integer> {

  @Option(names = "--bundle", required = true, description = "Model bundle directory")
  Path bundle;

  @Mixin DecodingOptions decoding;

  @Option(
      names = "--batch",
      defaultValue = "64",
      description = "Lines translated per call (default: ${DEFAULT-VALUE})")
  int batch;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "Input file; standard input if absent")
  Path input;

  @Override
  public Integer call() throws Exception {
    DecodeOptions decode = decoding.decodeOptions();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (TranslationEngine engine = TranslationEngine.open(bundle);
        BufferedReader reader =
            input == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(input)) {
      List<String> pending = new ArrayList<>(batch);
      int failures = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        pending.add(line);
        if (pending.size() == batch) {
          failures += flush(engine, pending, decode, out);
        }
      }
      failures += flush(engine, pending, decode, out);
      return failures == 0 ? 0 : 1;
    }
  }

  /** Translates and prints pending lines; a line that cannot be translated becomes empty. */
  private static int flush(
      TranslationEngine engine, List<String> pending, DecodeOptions decode, PrintStream out) {
    int failures = 0;
    try {
      engine.translate(pending, decode).forEach(t -> out.println(t.text()));
    } catch (EngineException batchFailure) {
      for (String line : pending) {
        try {
          out.println(engine.translate(line, decode).text());
        } catch (EngineException e) {
          System.err.println("cannot translate line: " + e.getMessage());
          out.println();
          failures++;
        }
      }
    }
    pending.clear();
    return failures;
  }
}
