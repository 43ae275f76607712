package dev.translation.cli;

/** What the command line's exit status says; listed in {@code --help} and the README. */
final class ExitCode {

  static final int OK = 0;

  /**
   * Picocli's own for a bad command line; also nothing to translate, no API key, or an output file
   * in the way or not writable.
   */
  static final int USAGE = 2;

  /** The API refused the request (a 4xx); its problem detail says why. */
  static final int REJECTED = 3;

  /** A job failed, partly failed or was cancelled. */
  static final int JOB_FAILED = 4;

  /** The API could not be reached, or failed on its side (a 5xx). */
  static final int UNAVAILABLE = 5;

  /** The {@code exitCodeList} of the commands' help. */
  static final String[] HELP = {
    "0:success",
    "2:usage error: bad options, nothing to translate, no API key, or an output file that exists"
        + " (without --force) or cannot be written",
    "3:the API refused the input, key or job (a 4xx); its message is printed",
    "4:a job failed, partly failed or was cancelled (what was translated is still written)",
    "5:the API could not be reached, or failed on its side (a 5xx)"
  };

  private ExitCode() {}
}
