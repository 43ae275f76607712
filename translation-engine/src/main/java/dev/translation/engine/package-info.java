/**
 * Neural translation on DJL's PyTorch engine: model bundles ({@code bundle}), text preparation and
 * subword tokenisation ({@code text}), batched beam-search decoding ({@code inference}), training
 * and fine-tuning ({@code training}), corpora ({@code corpus}), scoring ({@code evaluation}) and
 * the command line ({@code cli}). No Spring, no Kafka, no SQL.
 */
package dev.translation.engine;
