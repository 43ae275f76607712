package dev.translation.submit.security;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar submit-api.jar --create-api-key=NAME [--manage-models]}: applies the migrations
 * (unless disabled), creates a key (with {@code --manage-models}, one that may also launch model
 * jobs, promote and roll back on the job launcher), prints it once on stdout (nothing else goes to
 * stdout) and exits. Uses the same datasource configuration as the server ({@code DB_URL}, {@code
 * DB_USER}, {@code DB_PASSWORD}).
 */
public final class CreateApiKeyCommand {

  /** The option that selects this mode. */
  public static final String OPTION = "--create-api-key";

  /** The option that gives the key model rights. */
  public static final String MANAGE_MODELS = "--manage-models";

  private CreateApiKeyCommand() {}

  /** The key name when {@code args} ask for this mode. */
  public static Optional<String> requestedName(String[] args) {
    for (String arg : args) {
      if (arg.equals(OPTION)) {
        return Optional.of("");
      }
      if (arg.startsWith(OPTION + "=")) {
        return Optional.of(arg.substring(OPTION.length() + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the command.
   *
   * @param application the Spring Boot application class
   * @param args the command line
   * @param out where the key is printed
   * @param err where errors are printed
   * @return the process exit code
   */
  public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
    String name = requestedName(args).orElseThrow();
    if (name.isBlank()) {
      err.println("usage: java -jar submit-api.jar --create-api-key=NAME [--manage-models]");
      return 2;
    }
    // Command-line arguments outrank application.yml (default properties would not): no relay, no
    // bootstrap file, and no log output, so stdout carries the key alone and errors go to stderr.
    String[] commandArgs =
        Stream.concat(
                Arrays.stream(args).filter(arg -> !arg.equals(MANAGE_MODELS)),
                Stream.of(
                    "--translation.api.relay.enabled=false",
                    "--translation.api.bootstrap-key-file=",
                    "--logging.level.root=OFF",
                    "--spring.main.lazy-initialization=true"))
            .toArray(String[]::new);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .run(commandArgs)) {
      boolean manageModels = Arrays.asList(args).contains(MANAGE_MODELS);
      IssuedApiKey key = context.getBean(ApiKeyService.class).create(name, manageModels);
      out.println(key.secret());
      out.flush();
      err.println(
          "created API key '"
              + key.name()
              + "' (id "
              + key.id()
              + (manageModels ? ", may manage models" : "")
              + "); it is shown only now, store it safely");
      return SpringApplication.exit(context);
    } catch (RuntimeException e) {
      err.println(
          "cannot create the API key: "
              + rootMessage(e)
              + " (check DB_URL, DB_USER and DB_PASSWORD)");
      return 1;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
