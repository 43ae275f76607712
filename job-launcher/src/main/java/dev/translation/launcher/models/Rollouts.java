package dev.translation.launcher.models;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.ModelRolloutEvent;
import dev.translation.contracts.Topics;
import dev.translation.contracts.WireFormat;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import dev.translation.outbox.OutboxMessage;
import dev.translation.outbox.OutboxRelay;
import dev.translation.outbox.OutboxRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes what serves a language pair: promote a version, start or end a canary, roll back. Each
 * change runs in one transaction that locks the pair's rollout row, updates the versions' states,
 * raises the rollout's revision, records the change in the history and writes the {@link
 * ModelRolloutEvent} to the outbox; the relay then publishes it on {@link Topics#MODEL_EVENTS}, and
 * every worker of the pair reads the new rollout from the registry.
 */
@Service
public class Rollouts {

  private static final Logger log = LoggerFactory.getLogger(Rollouts.class);

  /** The actions recorded in the history and sent in the events. */
  static final String REGISTER_STARTER = "REGISTER_STARTER";

  static final String PROMOTE = "PROMOTE";
  static final String CANARY = "CANARY";
  static final String END_CANARY = "END_CANARY";
  static final String ROLLBACK = "ROLLBACK";

  private final ModelRegistryRepository registry;
  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final ObjectProvider<OutboxRelay> relay;
  private final Clock clock;

  public Rollouts(
      ModelRegistryRepository registry,
      OutboxRepository outbox,
      PlatformTransactionManager transactionManager,
      ObjectProvider<OutboxRelay> relay,
      Clock clock) {
    this.registry = registry;
    this.outbox = outbox;
    // READ COMMITTED: the first registration of a pair reads a row that does not exist yet, which
    // under REPEATABLE READ takes a gap lock that two launchers starting at once deadlock on.
    this.transactions = OutboxRelay.readCommitted(transactionManager);
    this.relay = relay;
    this.clock = clock;
  }

  /**
   * Makes {@code modelId} the version that serves its pair. The version it replaces is retired, and
   * a canary running beside it ends (the canary goes back to candidate unless it is the one
   * promoted).
   */
  public Rollout promote(String modelId, String by) {
    return change(
        modelId,
        by,
        (model, current) -> {
          if (current.isPresent() && current.get().activeModel().equals(modelId)) {
            throw new RolloutConflictException(modelId + " is already active");
          }
          current.ifPresent(
              rollout -> {
                registry.setState(rollout.activeModel(), ModelState.RETIRED, null);
                if (rollout.canaryModel() != null && !rollout.canaryModel().equals(modelId)) {
                  registry.setState(rollout.canaryModel(), ModelState.CANDIDATE, null);
                }
              });
          registry.setState(modelId, ModelState.ACTIVE, null);
          return new Change(PROMOTE, modelId, null, null);
        });
  }

  /**
   * Routes {@code percent} % of the pair's segments to {@code modelId} beside the active version;
   * replaces a canary already running (which goes back to candidate).
   */
  public Rollout canary(String modelId, int percent, String by) {
    if (percent < 1 || percent > 99) {
      throw new IllegalArgumentException(
          "a canary takes between 1 and 99 percent of segments, not "
              + percent
              + " (promote the version to give it all of them)");
    }
    return change(
        modelId,
        by,
        (model, current) -> {
          Rollout rollout =
              current.orElseThrow(
                  () ->
                      new RolloutConflictException(
                          "no version serves "
                              + model.languages()
                              + " yet: promote one before starting a canary"));
          if (rollout.activeModel().equals(modelId)) {
            throw new RolloutConflictException(modelId + " is the active version already");
          }
          if (rollout.canaryModel() != null && !rollout.canaryModel().equals(modelId)) {
            registry.setState(rollout.canaryModel(), ModelState.CANDIDATE, null);
          }
          registry.setState(modelId, ModelState.CANARY, percent);
          return new Change(CANARY, rollout.activeModel(), modelId, percent);
        });
  }

  /** Ends the pair's canary: its version goes back to candidate and the active one serves all. */
  public Rollout endCanary(LanguagePair languages, String by) {
    return changePair(
        languages,
        by,
        rollout -> {
          if (rollout.canaryModel() == null) {
            throw new RolloutConflictException(languages + " has no canary running");
          }
          registry.setState(rollout.canaryModel(), ModelState.CANDIDATE, null);
          return new Change(END_CANARY, rollout.activeModel(), null, null);
        });
  }

  /**
   * Undoes the pair's last step: a running canary ends; without one, the version that was active
   * before the current one is promoted again and the current one retired.
   */
  public Rollout rollback(LanguagePair languages, String by) {
    return changePair(
        languages,
        by,
        rollout -> {
          if (rollout.canaryModel() != null) {
            registry.setState(rollout.canaryModel(), ModelState.CANDIDATE, null);
            return new Change(ROLLBACK, rollout.activeModel(), null, null);
          }
          String previous =
              registry
                  .previousActive(languages, rollout.activeModel(), rollout.revision())
                  .orElseThrow(
                      () ->
                          new RolloutConflictException(
                              rollout.activeModel()
                                  + " is the first version that served "
                                  + languages
                                  + ": there is nothing to roll back to"));
          registry.setState(rollout.activeModel(), ModelState.RETIRED, null);
          registry.setState(previous, ModelState.ACTIVE, null);
          return new Change(ROLLBACK, previous, null, null);
        });
  }

  /**
   * Registers {@code model} as the first active version of its pair, when the pair has no rollout
   * yet (a fresh install). Several launchers starting at once register it once.
   *
   * @return whether this call registered it
   */
  public boolean registerFirst(ModelVersion model) {
    Boolean registered;
    try {
      registered =
          transactions.execute(
              status -> {
                if (registry.lockRollout(model.languages()).isPresent()) {
                  return false;
                }
                if (registry.find(model.modelId()).isEmpty()) {
                  registry.insert(model);
                } else {
                  registry.setState(model.modelId(), ModelState.ACTIVE, null);
                }
                Rollout first =
                    new Rollout(model.languages(), model.modelId(), null, null, 1, clock.instant());
                registry.createRollout(first);
                registry.recordHistory(first, REGISTER_STARTER, model.launchedBy());
                publish(first, REGISTER_STARTER);
                return true;
              });
    } catch (DuplicateKeyException anotherLauncherWasFirst) {
      return false;
    }
    wakeRelay();
    return Boolean.TRUE.equals(registered);
  }

  /** The change a step makes: the action and the rollout it leads to. */
  private record Change(String action, String active, String canary, Integer canaryPercent) {}

  private interface ModelStep {
    Change apply(ModelVersion model, Optional<Rollout> current);
  }

  private interface PairStep {
    Change apply(Rollout current);
  }

  private Rollout change(String modelId, String by, ModelStep step) {
    Rollout changed;
    try {
      changed =
          transactions.execute(
              status -> {
                ModelVersion model =
                    registry
                        .find(modelId)
                        .orElseThrow(
                            () -> new ModelNotFoundException("no model version " + modelId));
                Optional<Rollout> current = registry.lockRollout(model.languages());
                Change change = step.apply(model, current);
                return save(model.languages(), current, change, by);
              });
    } catch (DuplicateKeyException raced) {
      // The pair's first rollout, made by another change at the same moment.
      throw new RolloutConflictException(
          "another change of this pair's rollout came first; look at it and try again");
    }
    wakeRelay();
    return changed;
  }

  private Rollout changePair(LanguagePair languages, String by, PairStep step) {
    Rollout changed =
        transactions.execute(
            status -> {
              Rollout current =
                  registry
                      .lockRollout(languages)
                      .orElseThrow(
                          () -> new ModelNotFoundException("no version serves " + languages));
              return save(languages, Optional.of(current), step.apply(current), by);
            });
    wakeRelay();
    return changed;
  }

  private Rollout save(
      LanguagePair languages, Optional<Rollout> current, Change change, String by) {
    Rollout next =
        new Rollout(
            languages,
            change.active(),
            change.canary(),
            change.canaryPercent(),
            current.map(Rollout::revision).orElse(0L) + 1,
            clock.instant());
    if (current.isPresent()) {
      registry.updateRollout(next);
    } else {
      registry.createRollout(next);
    }
    registry.recordHistory(next, change.action(), by);
    publish(next, change.action());
    log.info(
        "{} by {}: {} revision {} serves {}{}",
        change.action(),
        by,
        languages,
        next.revision(),
        next.activeModel(),
        next.canaryModel() == null
            ? ""
            : " with " + next.canaryModel() + " on " + next.canaryPercent() + " % of segments");
    return next;
  }

  private void publish(Rollout rollout, String action) {
    ModelRolloutEvent event =
        new ModelRolloutEvent(
            ModelRolloutEvent.SCHEMA_VERSION,
            rollout.languages(),
            rollout.revision(),
            action,
            rollout.activeModel(),
            rollout.canaryModel(),
            rollout.canaryPercent(),
            rollout.updatedAt());
    outbox.insertAll(
        List.of(
            new OutboxMessage(
                aggregateId(rollout.languages()),
                Topics.MODEL_EVENTS,
                event.key(),
                WireFormat.write(event))));
  }

  /** The outbox's aggregate id of a pair's rollout (the column holds UUIDs). */
  static String aggregateId(LanguagePair languages) {
    return UUID.nameUUIDFromBytes(("model-rollout:" + languages).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private void wakeRelay() {
    OutboxRelay available = relay.getIfAvailable();
    if (available != null) {
      available.wakeUp();
    }
  }
}
