/**
 * The app's properties ({@link dev.translation.submit.config.ApiProperties}) and the beans that
 * belong to no single concern (clock, JSON strictness, OpenAPI header).
 *
 * <p>Any package may use it; it uses none, so wiring that belongs to one concern (web filters,
 * Kafka listeners) lives in that concern's package.
 */
package dev.translation.submit.config;
