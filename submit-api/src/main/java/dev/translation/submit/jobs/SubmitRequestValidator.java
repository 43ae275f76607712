package dev.translation.submit.jobs;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.security.ApiKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a submit against the caller's limits and the supported language pairs. Messages name the
 * offending field or text index and the limit, so a client can fix the request without guessing.
 *
 * <p>Text content is not inspected: control characters and unpaired surrogates are accepted as they
 * are (the engine cleans its input), only null elements are refused.
 */
@Component
public class SubmitRequestValidator {

  private static final Pattern MODEL_HINT = Pattern.compile("[A-Za-z0-9._:/-]{1,160}");

  private final ApiProperties properties;

  public SubmitRequestValidator(ApiProperties properties) {
    this.properties = properties;
  }

  /**
   * Validates and normalises a request against the caller's limits: its own overrides, else the
   * configured defaults.
   *
   * @throws InvalidRequestException saying what is wrong
   */
  public ValidRequest validate(SubmitRequest request, ApiKey caller) {
    return validate(request, caller.limits(properties.limits()));
  }

  /**
   * Validates and normalises a request.
   *
   * @throws InvalidRequestException saying what is wrong
   */
  public ValidRequest validate(SubmitRequest request, ApiKey.KeyLimits limits) {
    List<String> texts = request.texts();
    if (texts == null) {
      throw new InvalidRequestException(
          "'texts' is required: an array of 1 to " + limits.maxTextsPerRequest() + " strings");
    }
    if (texts.isEmpty()) {
      throw new InvalidRequestException(
          "'texts' is empty: send 1 to " + limits.maxTextsPerRequest() + " strings",
          Map.of("limit", limits.maxTextsPerRequest()));
    }
    if (texts.size() > limits.maxTextsPerRequest()) {
      throw new InvalidRequestException(
          "'texts' has "
              + texts.size()
              + " elements; at most "
              + limits.maxTextsPerRequest()
              + " are allowed per request (split the request, or use a corpus job)",
          Map.of("limit", limits.maxTextsPerRequest(), "count", texts.size()));
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new InvalidRequestException(
            "texts[" + i + "] is null; every element must be a string (use \"\" for an empty line)",
            Map.of("index", i));
      }
      int length = text.codePointCount(0, text.length());
      if (length > limits.maxCharsPerText()) {
        throw new InvalidRequestException(
            "texts["
                + i
                + "] has "
                + length
                + " characters; at most "
                + limits.maxCharsPerText()
                + " are allowed per text (split it into sentences)",
            Map.of("index", i, "limit", limits.maxCharsPerText(), "length", length));
      }
    }
    return normalised(
        texts, request.source(), request.target(), request.priority(), modelHint(request));
  }

  /**
   * Validates and normalises the languages and priority of a document; its texts come from the
   * file, whose limits the document's own checks apply.
   *
   * @throws InvalidRequestException saying what is wrong
   */
  public ValidRequest validateDocument(
      List<String> texts, String source, String target, String priority) {
    return normalised(texts, source, target, priority, null);
  }

  private ValidRequest normalised(
      List<String> texts, String sourceCode, String targetCode, String priorityName, String model) {
    String source = required("source", sourceCode);
    String target = required("target", targetCode);
    String pair = source + "-" + target;
    if (!properties.languagePairs().contains(pair)) {
      throw new InvalidRequestException(
          "language pair '"
              + pair
              + "' is not supported; supported pairs: "
              + String.join(", ", properties.languagePairs()),
          Map.of("supportedPairs", properties.languagePairs()));
    }
    return new ValidRequest(List.copyOf(texts), source, target, priority(priorityName), model);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(
          "'" + field + "' is required: a two-letter language code such as 'de' or 'en'");
    }
    return value.strip().toLowerCase(Locale.ROOT);
  }

  private static Priority priority(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "interactive" -> Priority.INTERACTIVE;
      case "batch" -> Priority.BATCH;
      default ->
          throw new InvalidRequestException(
              "'priority' is '" + value + "'; allowed values: interactive, batch");
    };
  }

  private static String modelHint(SubmitRequest request) {
    String model = request.model();
    if (model == null || model.isBlank()) {
      return null;
    }
    if (!MODEL_HINT.matcher(model).matches()) {
      throw new InvalidRequestException(
          "'model' must be a model name or name:version of at most 160 characters from"
              + " letters, digits and . _ : / -");
    }
    return model;
  }
}
