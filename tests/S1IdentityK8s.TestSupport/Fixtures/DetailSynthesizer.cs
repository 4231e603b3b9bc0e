using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Fixtures;

/// <summary>
/// Plausible <c>alert(id)</c> detail fields for list-only samples, shaped like the detailed samples
/// (<c>rawData</c> an OCSF detection finding with <c>s1_metadata</c>), so every generated alert is complete.
/// </summary>
internal static class DetailSynthesizer
{
    /// <summary>Adds <c>analystVerdict</c>, <c>analytics</c>, <c>asset</c> and <c>rawData</c> to <paramref name="alert"/>.</summary>
    public static void AddDetail(JsonObject alert, string findingUid)
    {
        var name = alert["name"]?.GetValue<string>() ?? "Identity detection";
        var description = alert["description"]?.GetValue<string>() ?? name;
        var category = name.Contains("Password", StringComparison.OrdinalIgnoreCase) ? "BreachDetect" : "ADSecure-DC";
        alert["analystVerdict"] = "UNDEFINED";
        alert["analytics"] = new JsonObject { ["category"] = category };
        alert["asset"] = new JsonObject
        {
            ["agentUuid"] = null,
            ["agentVersion"] = null,
            ["category"] = "Server",
            ["name"] = "DC01.LAB",
            ["osType"] = "UNKNOWN",
            ["osVersion"] = "",
            ["subcategory"] = "Domain Controller",
            ["type"] = "UNKNOWN",
        };
        alert["rawData"] = new JsonObject
        {
            ["activity_id"] = 2,
            ["activity_name"] = "Update",
            ["attack_surface_ids"] = new JsonArray(4),
            ["category_uid"] = 2,
            ["class_uid"] = 99602001,
            ["evidences"] = new JsonArray(new JsonObject
            {
                ["actor"] = new JsonObject { ["user"] = new JsonObject { ["name"] = "test_user", ["domain"] = "LAB" } },
            }),
            ["finding_info"] = new JsonObject
            {
                ["analytic"] = new JsonObject { ["category"] = category, ["type_id"] = 1, ["uid"] = category },
                ["desc"] = description,
                ["title"] = name,
                ["uid"] = findingUid,
                ["internal_uid"] = null,
            },
            ["metadata"] = new JsonObject
            {
                ["product"] = new JsonObject { ["name"] = "Identity", ["vendor_name"] = "SentinelOne" },
                ["version"] = "1.1.0-dev",
            },
            ["resources"] = new JsonArray(new JsonObject
            {
                ["name"] = "DC01.LAB",
                ["type"] = "server::domain_controller::windows_server",
                ["uid"] = findingUid,
                ["s1_metadata"] = new JsonObject
                {
                    ["account_id"] = "1234567890123456789",
                    ["account_name"] = "Account Name",
                    ["group_id"] = "5555555555555555555",
                    ["group_name"] = "Default Group",
                    ["mgmt_id"] = 19789,
                    ["scope_id"] = "5555555555555555555",
                    ["scope_level"] = "Group",
                    ["site_id"] = "6666666666666666666",
                    ["site_name"] = "Default site",
                },
            }),
            ["s1_classification_id"] = 0,
            ["severity_id"] = 0,
            ["status_id"] = 1,
            ["time"] = null,
            ["type_uid"] = "9960200101",
            ["verdict_id"] = 0,
        };
    }

    /// <summary>OCSF <c>severity_id</c> for a UAM severity; 0 (unknown) for anything else.</summary>
    public static int SeverityId(string severity) => severity switch
    {
        "INFO" => 1,
        "LOW" => 2,
        "MEDIUM" => 3,
        "HIGH" => 4,
        "CRITICAL" => 5,
        _ => 0,
    };
}
