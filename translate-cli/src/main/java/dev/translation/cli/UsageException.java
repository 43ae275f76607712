package dev.translation.cli;

/**
 * A command line that cannot be carried out as given, found after parsing: nothing to translate, no
 * API key, an output file in the way. Exits with {@link ExitCode#USAGE}, printing only the message.
 */
public final class UsageException extends RuntimeException {

  public UsageException(String message) {
    super(message);
  }
}
