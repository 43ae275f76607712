package dev.translation.cli.api;

import java.util.List;

/**
 * The API refused the request (a 4xx): the input, the key or the job is not acceptable as it is,
 * and sending it again will not help. The message is the problem's {@code detail}, as the API wrote
 * it.
 */
public final class ApiRejectedException extends ApiException {

  private final int status;
  private final List<String> supportedFormats;

  ApiRejectedException(int status, String detail, List<String> supportedFormats) {
    super(detail, null);
    this.status = status;
    this.supportedFormats = supportedFormats == null ? List.of() : List.copyOf(supportedFormats);
  }

  /** The HTTP status, e.g. 415. */
  public int status() {
    return status;
  }

  /** The formats the API translates, when it refused a file for its format; else empty. */
  public List<String> supportedFormats() {
    return supportedFormats;
  }

  /** The API's detail, with the supported formats added when it refused a format without them. */
  public String detailWithSupportedFormats() {
    String list = String.join(", ", supportedFormats);
    return supportedFormats.isEmpty() || getMessage().contains(list)
        ? getMessage()
        : getMessage() + " (supported: " + list + ")";
  }
}
