package dev.translation.submit;

import dev.translation.submit.security.CreateApiKeyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The submit API. {@code java -jar submit-api.jar} serves HTTP on port 8080; {@code java -jar
 * submit-api.jar --create-api-key=NAME} creates an API key, prints it and exits.
 */
@SpringBootApplication
public class SubmitApiApplication {

  public static void main(String[] args) {
    if (CreateApiKeyCommand.requestedName(args).isPresent()) {
      System.exit(
          CreateApiKeyCommand.run(SubmitApiApplication.class, args, System.out, System.err));
    }
    SpringApplication.run(SubmitApiApplication.class, args);
  }
}
