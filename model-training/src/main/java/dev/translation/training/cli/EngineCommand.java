package dev.translation.training.cli;

import dev.translation.engine.EngineException;
import dev.translation.training.marian.CheckpointFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command line of the translation engine: translate, evaluate, prepare data, train, benchmark,
 * import Opus-MT checkpoints.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    version = "translation-engine 0.1",
    description = "Translate, evaluate, train, benchmark and import neural translation models.",
    subcommands = {
      TranslateCommand.class,
      EvaluateCommand.class,
      PrepareCorpusCommand.class,
      TrainCommand.class,
      BenchmarkCommand.class,
      ImportMarianCommand.class,
      SyntheticMarianCommand.class
    })
public final class EngineCommand {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with its error handling: an engine error (bad bundle, bad input) prints one
   * line saying what is wrong, not a stack trace, and exits with 1.
   */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new EngineCommand());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof EngineException
              || exception instanceof CheckpointFormatException
              || exception instanceof java.io.IOException
              || exception instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + exception.getMessage());
            return 1;
          }
          throw exception;
        });
    return commandLine;
  }
}
