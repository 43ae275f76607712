package dev.translation.cli.launcher;

import dev.translation.cli.launcher.api.LauncherApi;
import dev.translation.cli.launcher.api.ModelJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "retrain",
    sortOptions = false,
    description = {
      "Launches a retraining and prints its id on standard output: the launcher fine-tunes a"
          + " version (the active one unless --base) on users' corrections not used yet and/or"
          + " a corpus, scores it beside its base on the test sets and the held-out"
          + " corrections, and registers it only if the gate passes; with --promote or --canary"
          + " it then rolls it out. With --wait, waits for it as 'model wait' does.",
      ""
    })
final class RetrainModelCommand extends LaunchModelJobCommand {

  // No mixinStandardHelpOptions: its --version would take the new version's option name.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--base",
      paramLabel = "MODEL_ID",
      description = "The version to fine-tune (default: the active one)")
  String base;

  @Option(
      names = "--corpus",
      paramLabel = "PATH",
      description = "A TSV corpus (source TAB target) below the launcher's input root")
  String corpus;

  @Option(
      names = "--no-corrections",
      description = "Do not train on users' corrections (then --corpus is needed)")
  boolean noCorrections;

  @Option(
      names = "--held-out-percent",
      paramLabel = "N",
      description = "The share of corrections held out for evaluation (default: the launcher's)")
  Integer heldOutPercent;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "The most optimiser steps (default: the launcher's)")
  Integer maxSteps;

  @Option(
      names = "--max-minutes",
      paramLabel = "X",
      description = "The most minutes of training (default: the launcher's)")
  Double maxMinutes;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "The new version's name (default: the base's, with the job's suffix)")
  String version;

  @Override
  ModelJob launch(LauncherApi api) {
    return api.retrain(
        request(
            null,
            null,
            base,
            corpus,
            noCorrections ? Boolean.FALSE : null,
            heldOutPercent,
            maxSteps,
            maxMinutes,
            version));
  }

  @Override
  String summary(ModelJob job) {
    Object from = job.request().getOrDefault("baseModel", base);
    return "retrain " + (from == null ? "the active version" : from);
  }
}
