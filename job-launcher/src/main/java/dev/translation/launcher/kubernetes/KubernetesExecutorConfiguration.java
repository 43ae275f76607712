package dev.translation.launcher.kubernetes;

import dev.translation.launcher.launch.ExecutionEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The Kubernetes executor, when {@code translation.launcher.executor=kubernetes}. Not in the batch
 * runner, which is what the Jobs run and never launches anything itself.
 *
 * <p>{@link KubernetesExecutorProperties} is bound by the application's properties scan, not here,
 * so it is registered once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "translation.launcher.executor", havingValue = "kubernetes")
@Profile("!batch-runner")
public class KubernetesExecutorConfiguration {

  /** In a pod, the service account's in-cluster configuration; elsewhere the kubeconfig. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  @Bean(destroyMethod = "close")
  KubernetesBatchExecutor kubernetesBatchExecutor(
      KubernetesClient client, KubernetesExecutorProperties properties, ExecutionEvents events) {
    return new KubernetesBatchExecutor(client, properties, events);
  }
}
