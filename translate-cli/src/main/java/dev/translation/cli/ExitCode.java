package dev.translation.cli;

import dev.translation.cli.api.ApiRejectedException;
import dev.translation.cli.api.ApiUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * What the command lines' exit status says; listed in {@code --help} and the README. Both {@code
 * bin/translate} and {@code bin/launcher} take their codes from here, so that a code means the same
 * to a script whichever it calls.
 */
public final class ExitCode {

  public static final int OK = 0;

  /**
   * Picocli's own for a bad command line; also nothing to translate, no API key, or an output file
   * in the way or not writable.
   */
  public static final int USAGE = 2;

  /** The API refused the request (a 4xx); its problem detail says why. */
  public static final int REJECTED = 3;

  /** A job failed, partly failed or was cancelled. */
  public static final int JOB_FAILED = 4;

  /** The API could not be reached, or failed on its side (a 5xx). */
  public static final int UNAVAILABLE = 5;

  /**
   * A corpus batch finished with some lines or segments untranslated: its output is written, as
   * {@code bin/translate} writes a partly failed job's, hence the same code.
   */
  public static final int BATCH_PARTIALLY_FAILED = JOB_FAILED;

  /** A corpus batch failed (bad input, or a shard out of retries); its output is incomplete. */
  public static final int BATCH_FAILED = 6;

  /** A corpus batch was cancelled. */
  public static final int BATCH_CANCELLED = 7;

  /** A model refresh or retraining failed: no version was registered. */
  public static final int MODEL_JOB_FAILED = BATCH_FAILED;

  /** A model refresh or retraining was cancelled. */
  public static final int MODEL_JOB_CANCELLED = BATCH_CANCELLED;

  /**
   * A model refresh or retraining ran to its end, but its gate refused the new model, which was not
   * registered: not a failure of the job, so a code of its own.
   */
  public static final int MODEL_REJECTED = 8;

  /** The {@code exitCodeList} of {@code bin/translate}'s help. */
  static final String[] HELP = {
    "0:success",
    "2:usage error: bad options, nothing to translate, no API key, or an output file that exists"
        + " (without --force) or cannot be written",
    "3:the API refused the input, key or job (a 4xx); its message is printed",
    "4:a job failed, partly failed or was cancelled (what was translated is still written)",
    "5:the API could not be reached, or failed on its side (a 5xx)"
  };

  /** The {@code exitCodeList} of {@code bin/launcher}'s help. */
  public static final String[] LAUNCHER_HELP = {
    "0:success; for wait (and launch --wait), the batch succeeded; for model wait (and"
        + " --wait), the model job succeeded",
    "2:usage error: bad options or no API key",
    "3:the launcher refused the request, batch or model change (a 4xx); its message is printed",
    "4:the batch partially failed: its output is written, with some lines or segments untranslated",
    "5:the launcher could not be reached, or failed on its side (a 5xx)",
    "6:the batch failed, or the model job failed",
    "7:the batch was cancelled, or the model job was cancelled",
    "8:the model job's gate rejected the new model: it was not registered"
  };

  private ExitCode() {}

  /**
   * Sets a command line up to fail as both command lines do: every command's help lists {@code
   * help}, and a failure prints one line saying what is wrong (for the API's refusals, its own
   * problem detail) after the command's name, and exits with its code, never with a stack trace.
   *
   * @param help the exit codes, as {@code code:meaning}
   * @param display where the line goes, clear of a progress bar
   */
  public static void applyTo(
      CommandLine commandLine, String[] help, Supplier<ProgressDisplay> display) {
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (String line : help) {
      int colon = line.indexOf(':');
      exitCodes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    List<CommandLine> commands = new ArrayList<>(List.of(commandLine));
    // Subcommands' own subcommands too (bin/launcher model ...), each listed once.
    for (int i = 0; i < commands.size(); i++) {
      commands.get(i).getSubcommands().values().stream()
          .filter(sub -> !commands.contains(sub))
          .forEach(commands::add);
    }
    for (CommandLine command : commands) {
      command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
      command.getCommandSpec().usageMessage().exitCodeList(exitCodes);
    }
    String name = commandLine.getCommandName();
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          int code =
              switch (exception) {
                case UsageException e -> USAGE;
                case ApiRejectedException e -> REJECTED;
                case ApiUnavailableException e -> UNAVAILABLE;
                default -> throw exception;
              };
          display
              .get()
              .message(
                  name
                      + ": "
                      + (exception instanceof ApiRejectedException rejected
                          ? rejected.detailWithSupportedFormats()
                          : exception.getMessage()));
          return code;
        });
  }
}
