/**
 * Parallel German-English corpora: reading the Ding dictionary and tab-separated files, and a
 * deterministic train/dev/test split that keeps test sources out of training.
 */
package dev.translation.training.corpus;
