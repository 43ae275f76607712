/**
 * The model tools, built on the runtime in {@code dev.translation.engine}: corpus readers ({@code
 * corpus}), training and fine-tuning ({@code trainer}), scoring ({@code evaluation}), measuring
 * ({@code benchmark}) and the {@code bin/engine} command line ({@code cli}).
 */
package dev.translation.training;
