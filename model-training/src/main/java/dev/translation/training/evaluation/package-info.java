/**
 * Scoring translations: corpus BLEU and chrF computed exactly as sacreBLEU 2.x does by default, a
 * word-for-word dictionary baseline to compare models against, and an evaluator that ties them
 * together.
 */
package dev.translation.training.evaluation;
