package dev.translation.engine.inference;

/**
 * One model call: padded source piece ids (each row ends in eos, then padding) and how to decode.
 */
record PieceBatch(long[][] source, int beamSize, int maxOutputLength, double lengthPenalty) {}
