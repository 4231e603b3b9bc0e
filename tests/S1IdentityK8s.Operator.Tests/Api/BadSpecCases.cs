using System.Text.Json.Nodes;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>Specs the CRD schema must reject: each breaks one field and names what the error must say.</summary>
internal static class BadSpecCases
{
    /// <summary>
    /// Case name → (how to break <c>spec</c>, fragments the apiserver's error must contain). v1.20 names a list
    /// item's field without its index (<c>spec.backfills.name</c>), newer servers with it: match the list only.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (Action<JsonObject> Break, string[] Expected)> All =
        new Dictionary<string, (Action<JsonObject>, string[])>
        {
            ["page-size-zero"] = (s => s["sentinelOne"]!["pageSize"] = 0, ["spec.sentinelOne.pageSize", "greater than or equal to 1"]),
            ["page-size-5000"] = (s => s["sentinelOne"]!["pageSize"] = 5000, ["spec.sentinelOne.pageSize", "less than or equal to 1000"]),
            ["detail-batch-101"] = (s => s["sentinelOne"]!["detailBatchSize"] = 101, ["spec.sentinelOne.detailBatchSize", "less than or equal to 100"]),
            ["detail-concurrency-17"] = (s => s["sentinelOne"]!["detailConcurrency"] = 17, ["spec.sentinelOne.detailConcurrency", "less than or equal to 16"]),
            ["rps-negative"] = (s => s["sentinelOne"]!["requestsPerSecond"] = -1, ["spec.sentinelOne.requestsPerSecond", "greater than 0"]),
            ["rps-zero"] = (s => s["sentinelOne"]!["requestsPerSecond"] = 0, ["spec.sentinelOne.requestsPerSecond", "greater than 0"]),
            ["region-unknown"] = (s => s["sekoia"]!["region"] = "EU1", ["spec.sekoia.region", "Unsupported value: \"EU1\""]),
            ["duration-days"] = (s => s["collection"] = new JsonObject { ["pollInterval"] = "1d" }, ["spec.collection.pollInterval", "should match"]),
            ["duration-negative"] = (s => s["collection"] = new JsonObject { ["overlap"] = "-5m" }, ["spec.collection.overlap", "should match"]),
            ["duration-unitless"] = (s => s["collection"] = new JsonObject { ["settleDelay"] = "30" }, ["spec.collection.settleDelay", "should match"]),
            ["hostname-with-path"] = (s => s["sentinelOne"]!["hostname"] = "https://usea1.sentinelone.net/web/api/v2.1", ["spec.sentinelOne.hostname", "should match"]),
            ["hostname-empty"] = (s => s["sentinelOne"]!["hostname"] = "", ["spec.sentinelOne.hostname"]),
            ["hostname-missing"] = (s => s["sentinelOne"]!.AsObject().Remove("hostname"), ["spec.sentinelOne.hostname", "Required value"]),
            ["api-token-ref-missing"] = (s => s["sentinelOne"]!.AsObject().Remove("apiTokenSecretRef"), ["spec.sentinelOne.apiTokenSecretRef", "Required value"]),
            ["intake-key-ref-key-missing"] = (s => s["sekoia"]!["intakeKeySecretRef"]!.AsObject().Remove("key"), ["spec.sekoia.intakeKeySecretRef.key", "Required value"]),
            ["secret-name-invalid"] = (s => s["sekoia"]!["intakeKeySecretRef"]!["name"] = "Sekoia_Key", ["spec.sekoia.intakeKeySecretRef.name", "should match"]),
            ["endpoint-not-http"] = (s => s["sekoia"]!["endpoint"] = "ftp://intake.example.com", ["spec.sekoia.endpoint", "should match"]),
            ["backfill-name-invalid"] = (s => s["backfills"]![0]!["name"] = "Incident_42", ["spec.backfills", "Incident_42", "should match"]),
            ["backfill-name-duplicate"] = (s => s["backfills"]!.AsArray().Add(s["backfills"]![0]!.DeepClone()), ["spec.backfills[1]", "Duplicate value"]),
            ["backfill-from-not-a-time"] = (s => s["backfills"]![0]!["from"] = "yesterday", ["spec.backfills", "yesterday", "date-time"]),
            ["log-level-unknown"] = (s => s["collector"] = new JsonObject { ["logLevel"] = "Verbose" }, ["spec.collector.logLevel", "Unsupported value"]),
            ["sekoia-missing"] = (s => s.Remove("sekoia"), ["spec.sekoia", "Required value"]),
            ["tls-without-ca-bundle-ref"] = (s => s["tls"] = new JsonObject(), ["spec.tls.caBundleRef", "Required value"]),
            ["ca-bundle-name-missing"] = (s => s["tls"] = new JsonObject { ["caBundleRef"] = new JsonObject { ["key"] = "ca.crt" } }, ["spec.tls.caBundleRef.name", "Required value"]),
            ["ca-bundle-name-invalid"] = (s => s["tls"] = new JsonObject { ["caBundleRef"] = new JsonObject { ["name"] = "Corp_CA" } }, ["spec.tls.caBundleRef.name", "should match"]),
            ["ca-bundle-key-invalid"] = (s => s["tls"] = new JsonObject { ["caBundleRef"] = new JsonObject { ["name"] = "corp-ca", ["key"] = "ca crt" } }, ["spec.tls.caBundleRef.key", "should match"]),
        };
}
