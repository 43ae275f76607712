/** Measuring the engine: calls from several threads at once, and a process's peak memory. */
package dev.translation.training.benchmark;
