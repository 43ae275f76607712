package dev.translation.cli.launcher.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code POST /v1/model-jobs/refresh} and {@code /retrain} launch. Fields left null are not
 * sent, so the launcher applies its defaults.
 *
 * @param bundleUri refresh: where the new bundle is ({@code file:} URI or http(s) URL)
 * @param modelJsonSha256 refresh: the SHA-256 its {@code model.json} must have
 * @param baseModel retrain: the version to fine-tune; null for the active one
 * @param corpus retrain: a TSV corpus below the launcher's input root
 * @param corrections retrain: whether to train on users' corrections
 * @param heldOutPercent retrain: the share of corrections held out for evaluation
 * @param maxSteps retrain: the most optimiser steps
 * @param maxMinutes retrain: the most minutes of training
 * @param version retrain: the new version's name
 * @param languages the language pair, e.g. {@code de-en}
 * @param testSets the test sets the gate compares on
 * @param gateMargin chrF points a candidate may score below the active version and still pass
 * @param then {@code candidate}, {@code promote} or {@code canary}
 * @param canaryPercent with {@code canary}: the share of segments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    Integer canaryPercent) {}
