using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Node;
using S1IdentityK8s.TestSupport.Security;
using Xunit.Abstractions;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>What users (and auditors) check of pods on a real node, checked from the host and with kubectl.</summary>
internal sealed class NodeChecks(LocalClusterFixture cluster, ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    /// <summary><c>kubectl get nodes -o wide</c> shows the containerd runtime.</summary>
    public async Task NodeRunsContainerdAsync()
    {
        var nodes = (await cluster.Kubectl.RunAsync("get", "nodes", "-o", "wide")).EnsureSuccess().StandardOutput;
        output.WriteLine(nodes.TrimEnd());
        Assert.Contains("containerd://", nodes, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every pod matching <paramref name="selector"/> meets the "restricted" Pod Security Standard, and each of
    /// its containers runs, as the host sees its process,
    /// as a non-root user with no capability, no-new-privileges, a seccomp filter, a read-only root
    /// filesystem and its memory limit in its cgroup. Prints each container's memory as its cgroup counts it.
    /// </summary>
    public async Task ContainersAreRestrictedAsync(string ns, string selector, int expectedCount)
    {
        var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector)).Items
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running").ToList();
        Assert.Equal(expectedCount, pods.Count);
        foreach (var pod in pods)
        {
            // The spec as admitted (defaults and mutations applied) meets the standard, and the node enforces it.
            Assert.Empty(RestrictedPodStandard.Violations(pod.Spec));
            var pids = await NodeContainers.PidsAsync(cluster.Node!, pod);
            Assert.Equal(pod.Spec.Containers.Count, pids.Count);
            foreach (var container in pod.Spec.Containers)
            {
                var process = ContainerProcess.Read(pids[container.Name]);
                output.WriteLine(
                    $"{ns}/{pod.Metadata.Name}/{container.Name}: pid {process.Pid}, uid {process.UserId}, CapEff {process.EffectiveCapabilities}, "
                    + $"NoNewPrivs {process.NoNewPrivileges}, seccomp {process.SeccompMode}, read-only root {process.ReadOnlyRoot}, "
                    + $"memory {process.MemoryUsageBytes / (double)MiB:F1} MiB (working set {process.MemoryWorkingSetBytes / (double)MiB:F1} MiB) of {process.MemoryLimitBytes / MiB} MiB");
                Assert.NotEqual(0, process.UserId);
                Assert.Equal(pod.Spec.SecurityContext?.RunAsUser ?? container.SecurityContext?.RunAsUser, process.UserId);
                Assert.True(process.HasNoCapabilities, $"CapEff {process.EffectiveCapabilities}");
                Assert.True(process.NoNewPrivileges);
                Assert.Equal(2, process.SeccompMode);
                Assert.True(process.ReadOnlyRoot);
                Assert.Equal(container.Resources.Limits["memory"].ToInt64(), process.MemoryLimitBytes);
            }
        }
    }

    /// <summary><c>kubectl logs TARGET</c> prints lines, each a JSON object with a timestamp and a level.</summary>
    public async Task LogsAreJsonAsync(string ns, string target)
    {
        var logs = (await cluster.Kubectl.RunAsync("logs", "-n", ns, target, "--tail=50")).EnsureSuccess().StandardOutput;
        var lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            JsonObject? entry;
            try
            {
                entry = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"kubectl logs {target}: not JSON: {line} ({e.Message})");
            }

            Assert.True(entry?["Timestamp"] is not null && entry["LogLevel"] is not null, $"kubectl logs {target}: {line}");
        }

        output.WriteLine($"kubectl logs -n {ns} {target}: {lines.Length} JSON lines, e.g. {lines[^1]}");
    }

    /// <summary>Pods, their descriptions and the kubelet's last lines: what a failure message needs.</summary>
    public async Task<string> DescribeAsync(string ns)
    {
        var pods = await cluster.Kubectl.RunAsync("get", "pods", "-A", "-o", "wide");
        var describe = await cluster.Kubectl.RunAsync("describe", "pods", "-n", ns);
        var logs = await cluster.Kubectl.RunAsync("logs", "-n", ns, "-l", "app.kubernetes.io/part-of=s1identity", "--all-containers", "--tail=30");
        var previous = await cluster.Kubectl.RunAsync(
            "logs", "-n", ns, "-l", "app.kubernetes.io/part-of=s1identity", "--all-containers", "--previous", "--tail=30");
        return string.Create(CultureInfo.InvariantCulture,
            $"{pods.StandardOutput}\n{describe.StandardOutput}\n--- logs\n{logs.StandardOutput}{logs.StandardError}\n--- previous logs\n"
            + $"{previous.StandardOutput}{previous.StandardError}\n--- kubelet\n{cluster.Node?.LogTail("kubelet", 30)}");
    }
}
