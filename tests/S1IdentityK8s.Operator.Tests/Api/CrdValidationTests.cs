using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>The generated CRD's schema, enforced by a real apiserver at <c>kubectl apply</c> time.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CrdValidationTests(ControlPlaneFixture cluster) : IAsyncLifetime
{
    private TestNamespace? _namespace;

    public static TheoryData<string> BadSpecs => [.. BadSpecCases.All.Keys];

    public async Task InitializeAsync()
    {
        _namespace = await IntakeCrd.NamespaceAsync(cluster, "crd");
    }

    public async Task DisposeAsync()
    {
        if (_namespace is not null)
        {
            await _namespace.DisposeAsync();
        }
    }

    [Fact]
    public async Task Apply_ValidIntake_IsAcceptedWithDefaults()
    {
        var applied = await cluster.Kubectl.ApplyAsync(ValidIntake.Create().ToJsonString(), _namespace!.Name);
        var get = await cluster.Kubectl.RunAsync("get", "s1i", "valid", "-n", _namespace.Name, "-o", "json");

        Assert.True(applied.Succeeded, applied.ToString());
        var spec = JsonNode.Parse(get.EnsureSuccess().StandardOutput)!["spec"]!;
        Assert.Equal(500, (int)spec["sentinelOne"]!["pageSize"]!);
        Assert.Equal(4, (int)spec["sentinelOne"]!["detailConcurrency"]!);
        Assert.Equal("FRA1", (string?)spec["sekoia"]!["region"]);
        Assert.Equal("60s", (string?)spec["collection"]!["pollInterval"]);
        Assert.Equal("Information", (string?)spec["collector"]!["logLevel"]);
    }

    [Fact]
    public async Task Apply_TlsCaBundleRefWithoutKey_IsAcceptedWithKeyDefault()
    {
        var intake = ValidIntake.Create("with-ca");
        intake["spec"]!["tls"] = new JsonObject { ["caBundleRef"] = new JsonObject { ["name"] = "corp-ca" } };

        var applied = await cluster.Kubectl.ApplyAsync(intake.ToJsonString(), _namespace!.Name);
        var get = await cluster.Kubectl.RunAsync("get", "s1i", "with-ca", "-n", _namespace.Name, "-o", "json");

        Assert.True(applied.Succeeded, applied.ToString());
        var caBundleRef = JsonNode.Parse(get.EnsureSuccess().StandardOutput)!["spec"]!["tls"]!["caBundleRef"]!;
        Assert.Equal(("corp-ca", "ca.crt"), ((string?)caBundleRef["name"], (string?)caBundleRef["key"]));
    }

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Apply_BadSpec_IsRejectedNamingTheField(string caseName)
    {
        var (breakIt, expected) = BadSpecCases.All[caseName];
        var intake = ValidIntake.Create(caseName);
        breakIt(intake["spec"]!.AsObject());

        var result = await cluster.Kubectl.RunAsync(
            ["apply", "--dry-run=server", "--validate=false", "-n", _namespace!.Name, "-f", "-"], intake.ToJsonString());

        Assert.False(result.Succeeded, $"{caseName} was accepted:\n{result}");
        foreach (var fragment in expected)
        {
            Assert.True(
                result.StandardError.Contains(fragment, StringComparison.Ordinal),
                $"{caseName}: the error does not say \"{fragment}\":\n{result.StandardError}");
        }
    }
}
