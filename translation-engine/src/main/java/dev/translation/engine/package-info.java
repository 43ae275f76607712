/**
 * The translation runtime on DJL's PyTorch engine: model bundles and their verification ({@code
 * bundle}), text preparation and subword tokenisation ({@code text}), and batched greedy and
 * beam-search decoding ({@code inference}). What serving does not need (corpora, training,
 * evaluation, benchmarks, the command line) lives in the {@code model-training} module. No Spring,
 * no Kafka, no SQL.
 */
package dev.translation.engine;
