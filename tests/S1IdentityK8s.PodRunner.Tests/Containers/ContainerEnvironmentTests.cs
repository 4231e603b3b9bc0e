using k8s.Models;
using S1IdentityK8s.PodRunner.Containers;
using S1IdentityK8s.PodRunner.Pods;

namespace S1IdentityK8s.PodRunner.Tests.Containers;

/// <summary>The runner's network stand-in and the variables every pod gets.</summary>
public sealed class ContainerEnvironmentTests
{
    private static readonly V1Pod Pod = new()
    {
        Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "ns", Uid = "uid-1" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app" }] },
    };

    [Fact]
    public async Task AspNetCoreHttpPorts_BecomeUrlsOnThePodIp_AndTheCollectorGetsItsListenAddress()
    {
        var container = new V1Container
        {
            Name = "app",
            Env = [new V1EnvVar { Name = "ASPNETCORE_HTTP_PORTS", Value = "8080;9090" }],
        };

        var environment = await BuildAsync(container);

        Assert.Equal("http://127.0.1.7:8080;http://127.0.1.7:9090", environment.Process["ASPNETCORE_URLS"]);
        Assert.Equal("127.0.1.7", environment.Process["COLLECTOR_LISTEN_ADDRESS"]);
    }

    [Fact]
    public async Task WithoutAspNetCoreHttpPorts_NoUrlsAreSet()
    {
        var environment = await BuildAsync(new V1Container { Name = "app" });

        Assert.False(environment.Process.ContainsKey("ASPNETCORE_URLS"));
        Assert.Equal("127.0.1.7", environment.Process["COLLECTOR_LISTEN_ADDRESS"]);
    }

    [Fact]
    public async Task EveryPod_GetsServiceHostPortAndHostname_AndOnlyPathHomeAndDotnetFromTheHost()
    {
        var environment = await BuildAsync(new V1Container { Name = "app" });

        Assert.Equal("127.0.0.1", environment.Process["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal("6443", environment.Process["KUBERNETES_SERVICE_PORT"]);
        Assert.Equal("web-1", environment.Process["HOSTNAME"]);
        Assert.All(environment.Process.Keys, key => Assert.True(
            key is "PATH" or "HOME" or "HOSTNAME" or "COLLECTOR_LISTEN_ADDRESS" || key.StartsWith("KUBERNETES_SERVICE_", StringComparison.Ordinal)
                || key.StartsWith("DOTNET_", StringComparison.Ordinal),
            $"{key} leaked from the runner's environment"));
    }

    [Fact]
    public async Task ContainerEnv_OverridesInjectedVariables_AndExpandsInOrder()
    {
        var container = new V1Container
        {
            Name = "app",
            Env =
            [
                new V1EnvVar { Name = "A", Value = "$(B)" },
                new V1EnvVar { Name = "B", Value = "b" },
                new V1EnvVar { Name = "C", Value = "$(B)-$(A)" },
                new V1EnvVar { Name = "HOSTNAME", Value = "custom" },
                new V1EnvVar { Name = "UID", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.uid" } } },
            ],
        };

        var environment = await BuildAsync(container);

        Assert.Equal("$(B)", environment.Process["A"]);
        Assert.Equal("b-$(B)", environment.Process["C"]);
        Assert.Equal("custom", environment.Process["HOSTNAME"]);
        Assert.Equal("uid-1", environment.Process["UID"]);
    }

    private static Task<ContainerEnvironment> BuildAsync(V1Container container)
    {
        Pod.Spec.Containers = [container];
        // No ConfigMap or Secret is referenced, so the reader is never asked.
        return ContainerEnvironment.BuildAsync(Pod, container, "127.0.1.7", "127.0.0.1", 6443, new ApiObjectReader(null!), CancellationToken.None);
    }
}
