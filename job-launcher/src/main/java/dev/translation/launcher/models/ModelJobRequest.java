package dev.translation.launcher.models;

import java.util.List;

/**
 * What an ML engineer asks a model job to do, as {@code POST /v1/model-jobs/refresh} and {@code
 * /retrain} take it and the job's row keeps it. Unset fields take the launcher's defaults when the
 * job is launched ({@link LaunchModelJob}), so a retried attempt sees exactly what was accepted.
 *
 * @param bundleUri refresh: where the new bundle is ({@code file:} path or {@code http(s)} URL)
 * @param modelJsonSha256 refresh: the SHA-256 its {@code model.json} must have (optional; the
 *     bundle's files are always checked against its {@code model.json})
 * @param baseModel retrain: the version to fine-tune ({@code name@version}); unset, the active one
 * @param corpus retrain: a TSV corpus (German TAB English) below the input root, optional
 * @param corrections retrain: whether to train on users' corrections not used yet (default true)
 * @param heldOutPercent retrain: the share of corrections held out for evaluation (default 20)
 * @param maxSteps retrain: the most optimiser steps
 * @param maxMinutes retrain: the most minutes of training
 * @param version retrain: the new version's name (default: the base's, with the job's suffix)
 * @param languages the language pair ({@code de-en}); refresh: checked against the bundle
 * @param testSets the named test sets the gate compares on (default: the configured ones)
 * @param gateMargin how many chrF points below the active version a candidate may score on a gating
 *     test set and still pass
 * @param then after the gate: {@code candidate} (register only), {@code promote} or {@code canary}
 * @param canaryPercent with {@code canary}: the share of segments, 1-99
 */
public record ModelJobRequest(
    String bundleUri,
    String modelJsonSha256,
    String baseModel,
    String corpus,
    Boolean corrections,
    Integer heldOutPercent,
    Integer maxSteps,
    Double maxMinutes,
    String version,
    String languages,
    List<String> testSets,
    Double gateMargin,
    String then,
    Integer canaryPercent) {

  /** Register only. */
  public static final String THEN_CANDIDATE = "candidate";

  /** Promote once registered. */
  public static final String THEN_PROMOTE = "promote";

  /** Start a canary once registered. */
  public static final String THEN_CANARY = "canary";
}
