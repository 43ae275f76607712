package dev.translation.cli.launcher.api;

/**
 * What {@code POST /v1/batches} launches.
 *
 * @param input a path below the launcher's input volume, or an http(s) URL
 * @param format text, tsv, jsonl or documents
 * @param field the TSV column (number or header name) or JSONL field to translate, or null for the
 *     launcher's default
 * @param header whether the TSV input's first line is a header
 * @param output a path below the launcher's output volume
 * @param source source language
 * @param target target language
 * @param shards how many parts to translate in parallel
 * @param priority low, normal or high
 */
public record BatchRequest(
    String input,
    String format,
    String field,
    boolean header,
    String output,
    String source,
    String target,
    int shards,
    String priority) {}
