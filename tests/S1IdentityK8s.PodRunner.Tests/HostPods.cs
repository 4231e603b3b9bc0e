using k8s;
using k8s.Models;
using S1IdentityK8s.PodRunner.Containers;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Builds and awaits <c>s1k8s.local/host</c> pods for the tests.</summary>
public static class HostPods
{
    /// <summary>How long a pod gets to reach a state.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>A container running <c>/bin/sh -c SCRIPT</c> on the host.</summary>
    public static V1Container Shell(string name, string script) => new()
    {
        Name = name,
        Image = ImageCatalog.HostImage + ":latest",
        Command = ["/bin/sh", "-c", script],
    };

    /// <summary>A pod of <paramref name="containers"/>, with a 1 s grace period so tests stop quickly.</summary>
    public static V1Pod Pod(string name, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = containers, TerminationGracePeriodSeconds = 1 },
    };

    /// <summary>
    /// Creates <paramref name="pod"/> once the namespace's default ServiceAccount has its token Secret (the
    /// v1.20 ServiceAccount admission plugin rejects pods until then).
    /// </summary>
    public static async Task<V1Pod> CreateAsync(IKubernetes client, string ns, V1Pod pod)
    {
        await WaitForDefaultServiceAccountAsync(client, ns);
        return await client.CoreV1.CreateNamespacedPodAsync(pod, ns);
    }

    /// <summary>Waits until the namespace's default ServiceAccount has a token Secret.</summary>
    public static Task WaitForDefaultServiceAccountAsync(IKubernetes client, string ns) =>
        ClusterWait.ForAsync(
            async token => await client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns, cancellationToken: token),
            account => account?.Secrets is { Count: > 0 }, Timeout, $"the default service account of {ns} to get its token");

    /// <summary>
    /// Waits until the pod satisfies <paramref name="condition"/>; returns it. A timeout names the pod's
    /// last status and the runner's output.
    /// </summary>
    public static async Task<V1Pod> WaitAsync(
        IKubernetes client, string ns, string name, Func<V1Pod, bool> condition, string description, ChildProcess? runner = null)
    {
        V1Pod? last = null;
        try
        {
            return (await ClusterWait.ForAsync(
                async token => last = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: token),
                pod => pod is not null && condition(pod), Timeout, $"pod {ns}/{name} {description}"))!;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{e.Message}\nlast status: {(last is null ? "none" : KubernetesJson.Serialize(last.Status))}"
                + $"\nrunner output:\n{string.Join('\n', (runner?.Output ?? []).TakeLast(40))}", e);
        }
    }

    /// <summary>Whether the pod's Ready condition is <paramref name="status"/> (True/False).</summary>
    public static bool ReadyIs(V1Pod pod, string status) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == status) == true;

    /// <summary>Waits until the pod runs (every container running) and returns it.</summary>
    public static Task<V1Pod> WaitRunningAsync(IKubernetes client, string ns, string name, ChildProcess? runner = null) =>
        WaitAsync(client, ns, name, p => p.Status?.Phase == "Running"
            && p.Status.ContainerStatuses?.All(c => c.State?.Running is not null) == true, "to run", runner);

    /// <summary>Waits until <paramref name="path"/> exists with content matching <paramref name="condition"/>.</summary>
    public static async Task<string> WaitForFileAsync(string path, Func<string, bool> condition, string description)
    {
        var holder = await ClusterWait.ForAsync(
            _ => Task.FromResult<string?>(File.Exists(path) ? File.ReadAllText(path) : null),
            text => text is not null && condition(text), Timeout, description);
        return holder!;
    }
}
