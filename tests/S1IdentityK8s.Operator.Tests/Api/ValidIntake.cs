using System.Text.Json.Nodes;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>A minimal intake that the CRD accepts, as JSON that a test can break one field at a time.</summary>
internal static class ValidIntake
{
    /// <summary>A fresh copy named <paramref name="name"/>.</summary>
    public static JsonObject Create(string name = "valid") => JsonNode.Parse($$"""
        {
          "apiVersion": "s1identity.dev/v1alpha1",
          "kind": "SentinelOneIdentityIntake",
          "metadata": {"name": "{{name}}"},
          "spec": {
            "sentinelOne": {
              "hostname": "usea1-partners.sentinelone.net",
              "apiTokenSecretRef": {"name": "s1-token", "key": "token"}
            },
            "sekoia": {
              "intakeKeySecretRef": {"name": "sekoia-key", "key": "intake-key"}
            },
            "backfills": [{"name": "incident-42", "from": "2026-11-02T00:00:00Z", "to": "2026-11-02T06:00:00Z"}]
          }
        }
        """)!.AsObject();
}
