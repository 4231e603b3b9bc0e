using S1IdentityK8s.Collector.Configuration;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Collector.Tests.Configuration;

/// <summary>
/// Generated bad input: every value of the example configuration replaced by each of a pool of wrong values,
/// every section by a scalar, every key removed, an unknown key beside each. The loader never throws, and a
/// document it refuses has an error that names the key it broke.
/// </summary>
public sealed class ConfigMutationTests
{
    private static readonly string[] BadValues =
        ["", "-1", "0", "abc", "1e99", "99999999999999999999", "true", "[1, 2]", "{a: 1}", "10x", "5d", "http://", "\u00e9\u4e2d\U0001F600", "~", new string('9', 5_000)];

    public static TheoryData<string> Leaves => [.. LeafPaths(Example())];

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Parse_LeafReplacedByEachBadValue_NeverThrowsAndNamesTheKey(string path)
    {
        var kind = KindOf(Leaf(Example(), path));
        foreach (var bad in BadValues)
        {
            var document = Example();
            Replace(document, path, new YamlScalarNode(bad));

            var refused = AssertRefusalNames(document, path, $"{path} = {Describe(bad)}");

            // A typed key must refuse what is not of its type, not read it as something else.
            Assert.True(refused || !MustRefuse(kind, bad), $"{path} ({kind}) accepted {Describe(bad)}");
        }
    }

    private enum LeafKind { Number, Duration, Boolean, Text }

    private static LeafKind KindOf(string example) => example switch
    {
        _ when long.TryParse(example, System.Globalization.CultureInfo.InvariantCulture, out _) => LeafKind.Number,
        _ when System.Text.RegularExpressions.Regex.IsMatch(example, @"^(\d+(ms|s|m|h))+$") => LeafKind.Duration,
        "true" or "false" => LeafKind.Boolean,
        _ => LeafKind.Text,
    };

    private static bool MustRefuse(LeafKind kind, string bad) => kind switch
    {
        LeafKind.Number => bad is "abc" or "1e99" or "99999999999999999999" or "10x" or "[1, 2]" or "{a: 1}" or "true",
        LeafKind.Duration => bad is "abc" or "-1" or "10x" or "5d" or "true" or "1e99",
        LeafKind.Boolean => bad is "abc" or "10x" or "-1" or "1e99",
        _ => false,
    };

    private static string Leaf(YamlDocument document, string path)
    {
        var (parent, key) = Locate(document, path);
        return ((YamlScalarNode)parent.Children[new YamlScalarNode(key)]).Value ?? "";
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Parse_LeafReplacedByAMappingOrSequence_NamesTheKey(string path)
    {
        foreach (var node in new YamlNode[] { new YamlMappingNode(new YamlScalarNode("a"), new YamlScalarNode("1")), new YamlSequenceNode(new YamlScalarNode("1")) })
        {
            var document = Example();
            Replace(document, path, node);

            var result = Parse(document);

            Assert.False(result.IsValid, $"{path} as a {node.NodeType} was accepted");
            Assert.Contains(result.Errors, e => e.StartsWith(path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Parse_EachSectionAScalarOrAnUnknownKeyBesideIt_NamesTheSection()
    {
        foreach (var section in Root(Example()).Children.Where(c => c.Value is YamlMappingNode).Select(c => ((YamlScalarNode)c.Key).Value!))
        {
            var asScalar = Example();
            Root(asScalar).Children[new YamlScalarNode(section)] = new YamlScalarNode("5");
            var result = Parse(asScalar);
            Assert.False(result.IsValid, $"{section}: 5 was accepted");
            Assert.Contains(result.Errors, e => e.StartsWith(section, StringComparison.Ordinal));

            var withUnknown = Example();
            ((YamlMappingNode)Root(withUnknown).Children[new YamlScalarNode(section)]).Add("notAKey", "1");
            Assert.Contains($"{section}.notAKey: unknown key", Parse(withUnknown).Errors);
        }
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Parse_LeafRemoved_ValidOrNamesIt(string path)
    {
        var document = Example();
        Remove(document, path);

        AssertRefusalNames(document, path, $"{path} removed");
    }

    private static bool AssertRefusalNames(YamlDocument document, string path, string what)
    {
        var result = Parse(document);

        if (!result.IsValid)
        {
            // Every refusal says which key; the broken one (or, when it is a list item, its list) is among them.
            Assert.All(result.Errors, e => Assert.Matches(@"^[A-Za-z][A-Za-z0-9]*(\[\d+\])?(\.[A-Za-z][A-Za-z0-9]*(\[\d+\])?)*: .+", e));
            var list = path.Contains('[', StringComparison.Ordinal) ? path[..path.IndexOf('[', StringComparison.Ordinal)] : path;
            Assert.True(result.Errors.Any(e => e.StartsWith(path, StringComparison.Ordinal) || e.StartsWith(list, StringComparison.Ordinal)),
                $"{what}: no error names it:\n{string.Join('\n', result.Errors)}");
        }

        return !result.IsValid;
    }

    private static ConfigLoadResult Parse(YamlDocument document)
    {
        var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorSecrets.AdminTokenVariable] = "admin-token-SECRET-mutation";
        return CollectorConfigLoader.Parse(writer.ToString(), environment, "/config");
    }

    private static YamlDocument Example()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(
            TestSupport.Kubernetes.RepositoryPaths.Root, "collector", "S1IdentityK8s.Collector", "collector.example.yaml"))));
        return stream.Documents[0];
    }

    private static YamlMappingNode Root(YamlDocument document) => (YamlMappingNode)document.RootNode;

    private static IEnumerable<string> LeafPaths(YamlDocument document) => LeafPaths(document.RootNode, "");

    private static IEnumerable<string> LeafPaths(YamlNode node, string prefix) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c => LeafPaths(c.Value, prefix.Length == 0 ? ((YamlScalarNode)c.Key).Value! : $"{prefix}.{((YamlScalarNode)c.Key).Value}")),
        YamlSequenceNode list => list.Children.SelectMany((item, i) => LeafPaths(item, $"{prefix}[{i}]")),
        _ => [prefix],
    };

    private static void Replace(YamlDocument document, string path, YamlNode value)
    {
        var (parent, key) = Locate(document, path);
        parent.Children[new YamlScalarNode(key)] = value;
    }

    private static void Remove(YamlDocument document, string path)
    {
        var (parent, key) = Locate(document, path);
        parent.Children.Remove(new YamlScalarNode(key));
    }

    // The mapping holding the leaf at a path like "sentinelOne.retry.maxAttempts" or "backfills[0].from".
    private static (YamlMappingNode Parent, string Key) Locate(YamlDocument document, string path)
    {
        YamlNode node = document.RootNode;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            node = Step(node, segment);
        }

        var last = segments[^1];
        return ((YamlMappingNode)node, last);
    }

    private static YamlNode Step(YamlNode node, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return ((YamlMappingNode)node).Children[new YamlScalarNode(segment)];
        }

        var list = (YamlSequenceNode)((YamlMappingNode)node).Children[new YamlScalarNode(segment[..bracket])];
        return list.Children[int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static string Describe(string value) => value.Length > 40 ? $"{value[..10]}… ({value.Length} chars)" : $"\"{value}\"";
}
