using System.Text.Json.Nodes;

namespace S1IdentityK8s.Monitoring.Tests.ArgoCd;

/// <summary>
/// The Argo CD health check on shapes a live cluster shows rarely or briefly (the live states are in
/// <see cref="LiveIntakeHealthTests"/>), run by the same real Lua 5.1.
/// </summary>
public sealed class HealthCheckCasesTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, spec.suspend, status (JSON), expected health: status then the message's first segment
        { "no status yet", "false", "null", "Progressing|waiting for the operator to report this generation" },
        { "null conditions", "false", """{"observedGeneration":1,"conditions":null}""", "Progressing|waiting for the operator to report this generation" },
        { "stalled for an older generation", "false", Status(1, ("Stalled", "True", "SecretMissing")), "Progressing|waiting for the operator to report this generation" },
        { "stalled while the old pod is still ready", "false", Status(3, ("Ready", "True", "Available"), ("Stalled", "True", "CrashLooping")), "Degraded|CrashLooping" },
        { "ready without a message", "false", Status(3, ("Ready", "True", "Available")), "Healthy|Available" },
        { "suspend asked, still polling", "true", Status(3, ("Ready", "True", "Available"), ("Suspended", "False", "Polling")), "Progressing|waiting for the collector to stop polling" },
        { "suspended but stalled", "true", Status(3, ("Stalled", "True", "SecretMissing"), ("Suspended", "True", "SuspendRequested")), "Degraded|SecretMissing" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Assess_Case_GivesArgoCdHealth(string name, string suspend, string status, string expected)
    {
        var intake = JsonNode.Parse($$"""
            {"apiVersion":"s1identity.dev/v1alpha1","kind":"SentinelOneIdentityIntake",
             "metadata":{"name":"acme","namespace":"soc","generation":3},
             "spec":{"suspend":{{suspend}}},"status":{{status}}}
            """)!.AsObject();

        var (health, message) = await ArgoCdHealth.AssessAsync(intake);

        Assert.True(expected == $"{health}|{message.Split(':')[0]}", $"{name}: got {health} \"{message}\"");
    }

    private static string Status(long observedGeneration, params (string Type, string Status, string Reason)[] conditions) =>
        new JsonObject
        {
            ["observedGeneration"] = observedGeneration,
            ["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = c.Type, ["status"] = c.Status, ["reason"] = c.Reason,
            })]),
        }.ToJsonString();
}
