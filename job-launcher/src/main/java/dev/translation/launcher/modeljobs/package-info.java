/**
 * The batch runner's model jobs: a refresh (fetch and verify a bundle, evaluate it beside the
 * active version, gate, register, roll out) and a retraining (fine-tune on a corpus and users'
 * corrections, evaluate, register, roll out if asked and gated). Each is a Spring Batch job of
 * tasklet steps, restarted where it stopped when its pod is retried.
 */
package dev.translation.launcher.modeljobs;
