package dev.translation.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command line of the translation engine: translate, evaluate, prepare data, train, benchmark. */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    version = "translation-engine 0.1",
    description = "Translate, evaluate, train and benchmark neural translation models.",
    subcommands = {
      TranslateCommand.class,
      EvaluateCommand.class,
      PrepareCorpusCommand.class,
      TrainCommand.class,
      BenchmarkCommand.class
    })
public final class EngineCommand {

  public static void main(String[] args) {
    System.exit(new CommandLine(new EngineCommand()).execute(args));
  }
}
