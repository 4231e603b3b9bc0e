using System.Text.Json.Nodes;
using S1IdentityK8s.Monitoring.Tests.Support;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Monitoring.Tests.ArgoCd;

/// <summary>
/// The chart's <c>files/argocd-health.lua</c> run by a real Lua 5.1 (Debian's <c>lua5.1</c> with
/// <c>lua-cjson</c>; Argo CD runs gopher-lua, Lua 5.1 semantics) on an object written to a JSON file.
/// </summary>
internal static class ArgoCdHealth
{
    private static readonly CliRunner Lua = new(File.Exists("/usr/bin/lua5.1") ? "/usr/bin/lua5.1"
        : throw new FileNotFoundException("lua5.1 is missing: run hack/local-cluster/install-packages.sh (Debian packages lua5.1 lua-cjson)"));

    private static readonly string Harness = MonitoringPaths.InProject("ArgoCd", "argocd-harness.lua");

    /// <summary>The health (status, message) Argo CD would show for <paramref name="intake"/>.</summary>
    public static async Task<(string Status, string Message)> AssessAsync(JsonObject intake)
    {
        using var scratch = new ScratchDirectory("argocd");
        await File.WriteAllTextAsync(scratch.File("intake.json"), intake.ToJsonString());

        var result = await Lua.RunAsync(Harness, MonitoringPaths.ArgoCdHealth, scratch.File("intake.json"));

        Assert.True(result.Succeeded, result.ToString());
        var health = JsonNode.Parse(result.StandardOutput)!;
        return (health["status"]!.GetValue<string>(), health["message"]!.GetValue<string>());
    }
}
