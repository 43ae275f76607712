package dev.translation.worker.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.ModelManifest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServingModelsTest {

  private static final String JOB = "00000000-0000-4000-8000-00000000000a";

  @Test
  void aCanaryTakesItsShareOfSegmentsAndAlwaysTheSameSegments() {
    ServedModel active = model("1", new AtomicBoolean());
    ServedModel canary = model("2", new AtomicBoolean());
    ServingModels.Rollout rollout = new ServingModels.Rollout(active, canary, 30, 2);

    int toCanary = 0;
    for (int index = 0; index < 1000; index++) {
      if (rollout.modelFor(JOB, index) == canary) {
        toCanary++;
      }
      assertThat(rollout.modelFor(JOB, index)).isSameAs(rollout.modelFor(JOB, index));
    }

    assertThat(toCanary).isBetween(250, 350);
    assertThat(ServingModels.Rollout.of(active).modelFor(JOB, 7)).isSameAs(active);
  }

  @Test
  void aSwapLeavesWorkInFlightOnTheOldVersionAndUnloadsItWhenThatWorkIsDone() {
    AtomicBoolean oldUnloaded = new AtomicBoolean();
    ServedModel old = model("1", oldUnloaded);
    ServedModel next = model("2", new AtomicBoolean());
    ServingModels models =
        new ServingModels(LanguagePair.GERMAN_TO_ENGLISH, ServingModels.Rollout.of(old));

    try (ServingModels.Lease inFlight = models.acquire()) {
      models.serve(new ServingModels.Rollout(next, null, 0, 2));

      assertThat(models.current().active()).isSameAs(next);
      assertThat(inFlight.rollout().active()).isSameAs(old);
      assertThat(old.translate(List.of("Hallo"))).hasSize(1);
      assertThat(oldUnloaded).isFalse();
      try (ServingModels.Lease later = models.acquire()) {
        assertThat(later.rollout().active()).isSameAs(next);
      }
    }

    assertThat(oldUnloaded).isTrue();
    assertThat(old.isClosed()).isTrue();
    assertThat(next.isClosed()).isFalse();
  }

  @Test
  void aVersionKeptByTheNextRolloutStaysLoaded() {
    ServedModel active = model("1", new AtomicBoolean());
    AtomicBoolean canaryUnloaded = new AtomicBoolean();
    ServedModel canary = model("2", canaryUnloaded);
    ServingModels models =
        new ServingModels(
            LanguagePair.GERMAN_TO_ENGLISH, new ServingModels.Rollout(active, canary, 30, 2));

    // Rolled back: the canary goes, the active version stays.
    models.serve(new ServingModels.Rollout(active, null, 0, 3));

    assertThat(canaryUnloaded).isTrue();
    assertThat(active.isClosed()).isFalse();
    models.close();
    assertThat(active.isClosed()).isTrue();
  }

  private static ServedModel model(String version, AtomicBoolean unloaded) {
    ModelManifest manifest = FakeModel.manifest(version);
    return new ServedModel(
        manifest,
        new DynamicBatcher(new FakeModel(), 1, 64, Duration.ZERO),
        () -> unloaded.set(true));
  }
}
