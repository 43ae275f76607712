package dev.translation.submit.web;

/** A request the API cannot even interpret (bad header or parameter syntax): 400. */
public class MalformedRequestException extends RuntimeException {

  public MalformedRequestException(String message) {
    super(message);
  }
}
