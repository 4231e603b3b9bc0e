using System.Text;
using k8s;
using k8s.Autorest;

namespace S1IdentityK8s.TestSupport.Security;

/// <summary>
/// A test namespace's share of the <see cref="SuiteEvidence"/>, taken just before it is deleted: its Secrets'
/// values become swept secrets; its Events, ConfigMaps (checkpoints), workloads, intakes (status) and pod
/// logs become evidence.
/// </summary>
internal static class NamespaceEvidence
{
    // Kubernetes' own credentials and public certificates are not test secrets: a CA may rightly be shown.
    private static readonly HashSet<string> NotSwept = ["kubernetes.io/service-account-token", "kubernetes.io/tls"];

    public static async Task RecordAsync(IKubernetes client, string ns)
    {
        if (SuiteEvidence.Root is null)
        {
            return;
        }

        try
        {
            foreach (var secret in (await client.CoreV1.ListNamespacedSecretAsync(ns).ConfigureAwait(false)).Items)
            {
                if (NotSwept.Contains(secret.Type ?? ""))
                {
                    continue;
                }

                foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
                {
                    if (!key.EndsWith(".crt", StringComparison.Ordinal) && !key.EndsWith(".pem", StringComparison.Ordinal))
                    {
                        SuiteEvidence.AddSecret(Encoding.UTF8.GetString(value));
                    }
                }
            }

            SuiteEvidence.Add("cluster", $"{ns}-events", KubernetesJson.Serialize(await client.CoreV1.ListNamespacedEventAsync(ns).ConfigureAwait(false)));
            SuiteEvidence.Add("cluster", $"{ns}-configmaps", KubernetesJson.Serialize(await client.CoreV1.ListNamespacedConfigMapAsync(ns).ConfigureAwait(false)));
            SuiteEvidence.Add("cluster", $"{ns}-deployments", KubernetesJson.Serialize(await client.AppsV1.ListNamespacedDeploymentAsync(ns).ConfigureAwait(false)));
            await RecordIntakesAsync(client, ns).ConfigureAwait(false);
            await RecordPodLogsAsync(client, ns).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The cluster is gone (a test stopped it): nothing of it is left to read.
        }
    }

    private static async Task RecordIntakesAsync(IKubernetes client, string ns)
    {
        try
        {
            var intakes = await client.CustomObjects.ListNamespacedCustomObjectAsync(
                "s1identity.dev", "v1alpha1", ns, "sentineloneidentityintakes").ConfigureAwait(false);
            SuiteEvidence.Add("cluster", $"{ns}-intakes", KubernetesJson.Serialize(intakes));
        }
        catch (HttpOperationException)
        {
            // No CRD installed in this test's cluster: no intakes to read.
        }
    }

    private static async Task RecordPodLogsAsync(IKubernetes client, string ns)
    {
        foreach (var pod in (await client.CoreV1.ListNamespacedPodAsync(ns).ConfigureAwait(false)).Items)
        {
            foreach (var container in pod.Spec.Containers)
            {
                try
                {
                    using var log = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, container: container.Name).ConfigureAwait(false);
                    using var reader = new StreamReader(log);
                    SuiteEvidence.Add("pod-logs", $"{ns}-{pod.Metadata.Name}-{container.Name}", await reader.ReadToEndAsync().ConfigureAwait(false));
                }
                catch (HttpOperationException)
                {
                    // Never ran (no node, or still pending): no log to read.
                }
            }
        }
    }
}
