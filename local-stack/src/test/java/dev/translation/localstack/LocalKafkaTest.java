package dev.translation.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

  @TempDir Path directory;

  @Test
  void runsTheBrokerMainClassFromAPlainClasspath() {
    assertThat(LocalKafka.mainClassInvocation("/a.jar:/b.jar", "x.Main"))
        .containsExactly("-cp", "/a.jar:/b.jar", "x.Main");
  }

  @Test
  void runsTheBrokerThroughBootsLauncherFromASpringBootExecutableJar() throws IOException {
    Path bootJar = directory.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .putValue("Main-Class", "org.springframework.boot.loader.launch.JarLauncher");
    manifest.getMainAttributes().putValue("Start-Class", "dev.translation.api.Application");
    try (OutputStream out = Files.newOutputStream(bootJar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // an empty executable jar is enough to read the manifest
    }

    assertThat(LocalKafka.mainClassInvocation(bootJar.toString(), "x.Main"))
        .containsExactly(
            "-Dloader.main=x.Main",
            "-cp",
            bootJar.toString(),
            "org.springframework.boot.loader.launch.PropertiesLauncher");
  }

  @Test
  void refusesToStartOnAPortSomebodyElseUsesAndSaysWhy() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalKafka kafka = LocalKafka.builder(directory).port(taken.getLocalPort()).build();

      assertThatIllegalStateException()
          .isThrownBy(kafka::start)
          .withMessageContaining("port " + taken.getLocalPort())
          .withMessageContaining("already in use");
      assertThat(kafka.isRunning()).isFalse();
    }
  }

  @Test
  void remembersThePortsItPickedForTheNextStart() {
    StateFile first = new StateFile(directory.resolve("state.properties"));
    int port = first.port("port", 0);
    first.save("test");

    StateFile second = new StateFile(directory.resolve("state.properties"));

    assertThat(second.port("port", 0)).isEqualTo(port).isPositive();
    assertThat(second.port("port", 19092)).isEqualTo(19092);
  }
}
