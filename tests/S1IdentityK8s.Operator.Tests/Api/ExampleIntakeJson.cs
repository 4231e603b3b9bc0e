using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>
/// The chart's example intake (<see cref="OperatorPaths.ExampleIntake"/>) as JSON, typed the way the apiserver
/// reads the YAML: plain scalars become numbers, booleans or null when they look like one, quoted ones stay strings.
/// </summary>
internal static class ExampleIntakeJson
{
    /// <summary>A fresh copy of the example's <c>SentinelOneIdentityIntake</c> document.</summary>
    public static JsonObject Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(OperatorPaths.ExampleIntake)));
        var intake = stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .Single(d => (string?)d["kind"] == "SentinelOneIdentityIntake");
        return intake;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType}"),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }
}
