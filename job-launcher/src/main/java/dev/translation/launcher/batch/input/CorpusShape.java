package dev.translation.launcher.batch.input;

import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a corpus line holds its text and takes its translation: the whole line (text), one column
 * (TSV, translation appended as a last column) or one string field (JSONL, translation added as a
 * field). The same rules read a line when the batch starts and write it back at the end, so the
 * output has exactly the input's lines in the input's order.
 */
public final class CorpusShape {

  /** What a line yields: its text, or why it has none. */
  public record Source(String text, String problem) {
    static Source of(String text) {
      return new Source(text, null);
    }

    static Source problem(String problem) {
      return new Source(null, problem);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The highest TSV column number a batch may name. */
  public static final int MAX_COLUMN = 10_000;

  private final CorpusFormat format;
  private final int column;
  private final String field;
  private final String outputField;

  private CorpusShape(CorpusFormat format, int column, String field, String outputField) {
    this.format = format;
    this.column = column;
    this.field = field;
    this.outputField = outputField;
  }

  /**
   * The shape of a batch's corpus.
   *
   * @param header the TSV header line, when the corpus has one (a column may then be named)
   * @throws BadInputException when the column or field cannot be found
   */
  public static CorpusShape of(CorpusBatch batch, String header) {
    String target = batch.languages().target();
    return switch (batch.format()) {
      case TEXT -> new CorpusShape(CorpusFormat.TEXT, 0, null, null);
      case TSV -> new CorpusShape(CorpusFormat.TSV, tsvColumn(batch.field(), header), null, null);
      case JSONL -> {
        String name = batch.fieldName().orElse("text");
        yield new CorpusShape(CorpusFormat.JSONL, 0, name, name + "_" + target);
      }
      case DOCUMENTS -> throw new IllegalArgumentException("a folder of documents has no lines");
    };
  }

  private static int tsvColumn(String field, String header) {
    String wanted = field == null ? "1" : field;
    if (wanted.chars().allMatch(Character::isDigit) && !wanted.isEmpty()) {
      if (wanted.length() > 5
          || Integer.parseInt(wanted) < 1
          || Integer.parseInt(wanted) > MAX_COLUMN) {
        throw new BadInputException("TSV columns are numbered from 1 to " + MAX_COLUMN);
      }
      return Integer.parseInt(wanted) - 1;
    }
    if (header == null) {
      throw new BadInputException(
          "the TSV column '" + wanted + "' is a name, but the corpus has no header line");
    }
    List<String> names = Arrays.asList(header.split("\t", -1));
    int index = names.indexOf(wanted);
    if (index < 0) {
      throw new BadInputException(
          "the TSV header has no column '" + wanted + "'; it has " + String.join(", ", names));
    }
    return index;
  }

  /** The text a line asks to translate, or why it cannot be translated. */
  public Source source(String line) {
    return switch (format) {
      case TEXT -> Source.of(line);
      case TSV -> {
        String[] columns = line.split("\t", -1);
        yield column < columns.length
            ? Source.of(columns[column])
            : Source.problem(
                "has " + columns.length + " columns, column " + (column + 1) + " was asked for");
      }
      case JSONL -> json(line);
      case DOCUMENTS -> throw new IllegalStateException();
    };
  }

  private static boolean isObject(String line) {
    try {
      return JSON.readTree(line) instanceof ObjectNode;
    } catch (JacksonException notJson) {
      return false;
    }
  }

  private Source json(String line) {
    if (line.isBlank()) {
      return Source.problem("is empty, not a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JacksonException e) {
      return Source.problem("is not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      return Source.problem("is not a JSON object");
    }
    JsonNode value = object.get(field);
    if (value == null || !value.isString()) {
      return Source.problem("has no string field '" + field + "'");
    }
    return Source.of(value.asString());
  }

  /**
   * The output line for an input line: its translation (text), the input with the translation as a
   * last column (TSV) or as a field (JSONL). A line that had no text, or whose translation failed,
   * keeps its shape with an empty translation.
   */
  public String withTranslation(String line, String translation) {
    String text = translation == null ? "" : translation;
    return switch (format) {
      case TEXT -> text.replace('\n', ' ');
      // A TSV field cannot hold a tab or a line break.
      case TSV -> line + "\t" + text.replaceAll("[\t\r\n]+", " ");
      case JSONL -> {
        // The field goes in before the object's closing brace, the rest of the line kept byte for
        // byte: re-serialising would change numbers, key order and duplicate keys.
        if (!isObject(line)) {
          yield line;
        }
        int close = line.lastIndexOf('}');
        String head = line.substring(0, close).stripTrailing();
        String separator = head.endsWith("{") ? "" : ",";
        yield head
            + separator
            + JSON.writeValueAsString(outputField)
            + ":"
            + JSON.writeValueAsString(text)
            + line.substring(close);
      }
      case DOCUMENTS -> throw new IllegalStateException();
    };
  }

  /** The header line of the output, for a TSV corpus with a header. */
  public String header(String header, String targetLanguage) {
    return header + "\ttranslation_" + targetLanguage;
  }
}
