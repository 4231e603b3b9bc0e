using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>What users see first: the CRD installs, the documented example applies, kubectl explains fields.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ExampleIntakeTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task Apply_ExampleIntakeWithSecrets_IsAcceptedAsWritten()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "example");

        var applied = await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null);
        var get = await cluster.Kubectl.RunAsync("get", "s1intake", "acme-identity", "-n", ns.Name, "-o", "json");
        var secrets = await cluster.Kubectl.RunAsync("get", "secrets", "sentinelone-api-token", "sekoia-intake-key", "-n", ns.Name);

        Assert.True(applied.Succeeded, applied.ToString());
        Assert.True(secrets.Succeeded, secrets.ToString());
        var spec = JsonNode.Parse(get.EnsureSuccess().StandardOutput)!["spec"]!;
        Assert.Equal("incident-42", (string?)spec["backfills"]![0]!["name"]);
        Assert.Equal("1m", (string?)spec["collection"]!["credentialsRetryInterval"]);
    }

    [Fact]
    public async Task Explain_IntakeSpec_ShowsFieldDescriptions()
    {
        await IntakeCrd.InstallAsync(cluster);

        // The apiserver publishes a new CRD's OpenAPI asynchronously: poll until explain knows the fields.
        var explained = await ClusterWait.ForAsync(
            async _ => await cluster.Kubectl.RunAsync("explain", "s1intake.spec.sentinelOne"),
            r => r is { Succeeded: true } && r.StandardOutput.Contains("pageSize", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "kubectl explain to know the intake's fields", TimeSpan.FromMilliseconds(500));

        Assert.Contains("Alerts per list page", explained!.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Defaults to 500", explained.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("apiTokenSecretRef", explained.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Intakes_PrintsReadyLagForwardedColumns()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "columns");
        (await cluster.Kubectl.ApplyAsync(ValidIntake.Create().ToJsonString(), ns.Name)).EnsureSuccess();

        var get = await cluster.Kubectl.RunAsync("get", "s1i", "-n", ns.Name);

        Assert.True(get.Succeeded, get.ToString());
        Assert.Matches(@"^NAME\s+READY\s+LAG\s+FORWARDED\s+AGE", get.StandardOutput);
    }
}
