package dev.translation.launcher.launch;

/**
 * A launch request that cannot be run as asked; the message says what is wrong and what is allowed.
 */
public class InvalidLaunchException extends RuntimeException {

  public InvalidLaunchException(String message) {
    super(message);
  }
}
