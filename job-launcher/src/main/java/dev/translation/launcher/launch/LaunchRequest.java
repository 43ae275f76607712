package dev.translation.launcher.launch;

/**
 * What a batch owner asks for. Optional values are null when not given.
 *
 * @param input a path below the input volume, or an http(s) URL
 * @param format {@code text}, {@code tsv}, {@code jsonl} or {@code documents}; guessed from the
 *     input's name when null
 * @param field the TSV column (number or header name) or JSONL field
 * @param header whether a TSV corpus starts with a header line
 * @param output the output directory below the output volume
 * @param source the source language
 * @param target the target language
 * @param shards how many shards share the input (default 1)
 * @param priority {@code low}, {@code normal} (default) or {@code high}
 */
public record LaunchRequest(
    String input,
    String format,
    String field,
    Boolean header,
    String output,
    String source,
    String target,
    Integer shards,
    String priority) {}
