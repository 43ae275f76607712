package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.UsageException;
import dev.translation.cli.launcher.api.ModelJob;
import dev.translation.cli.launcher.api.Rollout;
import dev.translation.contracts.LanguagePair;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The ML engineers' commands: the registry's versions and rollouts, and the model jobs that add
 * versions. The changes of a rollout and the actions on a job are one call each, so they are
 * methods here; listing, showing and launching have classes of their own.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Manages the model versions that translate. A refresh (a new bundle) or retraining (the"
          + " active version fine-tuned on corrections or a corpus) is a model job on the"
          + " launcher: it scores the new version beside the active one on the test sets and"
          + " registers it only if that gate passes. A registered version can be promoted (it"
          + " serves its language pair) or serve a share of segments as a canary; a rollback"
          + " brings the previous version back. Changes need an API key with model rights.",
      ""
    },
    subcommands = {
      ListModelsCommand.class,
      ShowModelCommand.class,
      RefreshModelCommand.class,
      RetrainModelCommand.class,
      ListModelJobsCommand.class,
      ShowModelJobCommand.class
    })
final class ModelCommand extends LauncherSubcommand {

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "name a model command: list, show, promote, canary, rollback, end-canary, refresh,"
            + " retrain, jobs, job, wait, cancel or logs");
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description =
          "Makes a registered version the active one of its language pair; the one before is"
              + " retired (and can come back with rollback).")
  int promote(@Parameters(paramLabel = "MODEL_ID", description = "name@version") String modelId) {
    return changed(api().promote(modelId));
  }

  @Command(
      name = "canary",
      mixinStandardHelpOptions = true,
      description =
          "Lets a registered version translate a share of its language pair's segments beside"
              + " the active one.")
  int canary(
      @Parameters(paramLabel = "MODEL_ID", description = "name@version") String modelId,
      @Option(
              names = "--percent",
              paramLabel = "N",
              required = true,
              description = "Its share of segments, 1 to 99")
          int percent) {
    return changed(api().canary(modelId, percent));
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Makes the version active before the current one active again.")
  int rollback(
      @Option(
              names = "--languages",
              paramLabel = "PAIR",
              defaultValue = "de-en",
              description = "The language pair (default: ${DEFAULT-VALUE})")
          String languages) {
    return changed(api().rollback(pair(languages)));
  }

  @Command(
      name = "end-canary",
      mixinStandardHelpOptions = true,
      description = "Ends a canary: the active version translates every segment again.")
  int endCanary(
      @Option(
              names = "--languages",
              paramLabel = "PAIR",
              defaultValue = "de-en",
              description = "The language pair (default: ${DEFAULT-VALUE})")
          String languages) {
    return changed(api().endCanary(pair(languages)));
  }

  @Command(
      name = "wait",
      mixinStandardHelpOptions = true,
      description = {
        "Waits for a model job to finish, polling every 1-2 s, with its phase on standard error"
            + " (while it trains: step/max steps, loss, tokens/s, ETA), redrawn on a terminal, a"
            + " line now and then otherwise. Then prints how it ended and exits with a code for"
            + " it (below): 0 when it succeeded, 8 when the gate rejected the model, 6 when it"
            + " failed, 7 when it was cancelled. A launcher that cannot be reached is asked"
            + " again for up to 5 minutes."
      })
  int await(@Parameters(paramLabel = "ID", description = "The model job's id") String id) {
    return root().modelWatcher(api()).await(id);
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description =
          "Cancels a model job; a version it has registered stays. A job that has finished"
              + " cannot be cancelled (exit code 3).")
  int cancel(@Parameters(paramLabel = "ID", description = "The model job's id") String id) {
    ModelJob job = api().cancelModelJob(id);
    out().println("model job " + job.id() + " " + job.status());
    out().flush();
    return ExitCode.OK;
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Prints the end of a model job's log: of its running attempt, else its latest.")
  int logs(
      @Parameters(paramLabel = "ID", description = "The model job's id") String id,
      @Option(
              names = "--lines",
              paramLabel = "N",
              defaultValue = "100",
              description = "How many lines from the end (default: ${DEFAULT-VALUE})")
          int lines) {
    if (lines < 1) {
      throw new UsageException("--lines must be 1 or more, not " + lines);
    }
    String log = api().modelJobLog(id, lines);
    out().print(log.isEmpty() || log.endsWith("\n") ? log : log + "\n");
    out().flush();
    return ExitCode.OK;
  }

  private int changed(Rollout rollout) {
    out().println(describe(rollout));
    out().flush();
    return ExitCode.OK;
  }

  /** A rollout in a line: {@code de-en: active a@4, canary a@5 on 30% of segments, revision 3}. */
  static String describe(Rollout rollout) {
    return rollout.languages()
        + ": active "
        + rollout.activeModel()
        + (rollout.canaryModel() == null
            ? ", no canary"
            : ", canary "
                + rollout.canaryModel()
                + " on "
                + rollout.canaryPercent()
                + "% of segments")
        + ", revision "
        + rollout.revision();
  }

  static LanguagePair pair(String languages) {
    try {
      return LanguagePair.parse(languages.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--languages: " + e.getMessage());
    }
  }
}
