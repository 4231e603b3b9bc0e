using System.Globalization;
using System.Text.Json;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

[Collection(ControlPlaneCollection.Name)]
public sealed class KubectlTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task Apply_CustomResourceDefinitionAndObject_WaitEstablishedThenGetReturnsObject()
    {
        await using var ns = await cluster.CreateNamespaceAsync("kubectl");
        // A unique group so that runs against a shared external cluster never collide.
        var group = $"g{Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture)}.tests.s1identity.dev";
        var crd = $"widgets.{group}";
        try
        {
            (await cluster.Kubectl.ApplyAsync(WidgetDefinition(group))).EnsureSuccess();

            var wait = await cluster.Kubectl.RunAsync(
                "wait", "--for=condition=Established", $"crd/{crd}", "--timeout=60s");
            (await cluster.Kubectl.ApplyAsync(Widget(group), ns.Name)).EnsureSuccess();
            var get = await cluster.Kubectl.RunAsync("get", $"widgets.{group}", "gear", "-n", ns.Name, "-o", "json");

            Assert.True(wait.Succeeded, wait.ToString());
            Assert.Contains("condition met", wait.StandardOutput, StringComparison.Ordinal);
            Assert.True(get.Succeeded, get.ToString());
            using var json = JsonDocument.Parse(get.StandardOutput);
            Assert.Equal(7, json.RootElement.GetProperty("spec").GetProperty("teeth").GetInt32());
            Assert.Equal(ns.Name, json.RootElement.GetProperty("metadata").GetProperty("namespace").GetString());
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "crd", crd, "--ignore-not-found", "--wait=false");
        }
    }

    [Fact]
    public async Task Get_UnknownResource_FailsWithNonZeroExitAndError()
    {
        var result = await cluster.Kubectl.RunAsync("get", "nosuchresources");

        Assert.False(result.Succeeded);
        Assert.Contains("nosuchresources", result.StandardError, StringComparison.Ordinal);
    }

    private static string WidgetDefinition(string group) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.{{group}}
        spec:
          group: {{group}}
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      teeth: {type: integer, minimum: 1}
        """;

    private static string Widget(string group) => $"""
        apiVersion: {group}/v1
        kind: Widget
        metadata:
          name: gear
        spec:
          teeth: 7
        """;
}
