using YamlDotNet.Serialization;

namespace S1IdentityK8s.Monitoring.Tests.Rules;

/// <summary>One alerting rule of a Prometheus rules file, as the tests read it.</summary>
internal sealed record AlertRule(string Name, string Expression, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Every alerting rule of the rules file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<AlertRule> Read(string path)
    {
        var file = new DeserializerBuilder().Build().Deserialize<RulesFile>(File.ReadAllText(path));
        return [.. file.Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null)
            .Select(r => new AlertRule(r.Alert!, r.Expr, r.Annotations ?? []))];
    }

    private sealed class RulesFile
    {
        [YamlMember(Alias = "groups")]
        public List<RuleGroup> Groups { get; set; } = [];
    }

    private sealed class RuleGroup
    {
        [YamlMember(Alias = "name")]
        public string Name { get; set; } = "";

        [YamlMember(Alias = "rules")]
        public List<Rule> Rules { get; set; } = [];
    }

    private sealed class Rule
    {
        [YamlMember(Alias = "alert")]
        public string? Alert { get; set; }

        [YamlMember(Alias = "expr")]
        public string Expr { get; set; } = "";

        [YamlMember(Alias = "for")]
        public string? For { get; set; }

        [YamlMember(Alias = "labels")]
        public Dictionary<string, string>? Labels { get; set; }

        [YamlMember(Alias = "annotations")]
        public Dictionary<string, string>? Annotations { get; set; }
    }
}
