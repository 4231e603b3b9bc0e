using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>
/// Generates bad (and a few legitimately valid) variants of an intake, deterministically: every leaf of
/// <c>spec</c> replaced by each value of a pool (wrong types, null, empty, zero, negative, huge, malformed
/// durations and timestamps, over-long strings, a mapping, a list), every field, object and list removed,
/// an unknown key added to every object, every object and list replaced by a value of another shape.
/// </summary>
internal static partial class IntakeSpecMutations
{
    /// <summary>The unknown key added to every object.</summary>
    public const string UnknownKey = "notAField";

    // JSON texts, parsed afresh for each case (a node has one parent). Every leaf gets these...
    private static readonly string[] AnyLeaf =
    [
        "null", "\"\"", "\" \"", "true", "0", "-1", "5", "1e300", "\"5 minutes\"", "\"-1s\"", "\"1d\"",
        "\"UPPER_case\"", "\"http://example.com\"", "\"host:99999\"",
        Quote(new string('x', 300)), Quote(new string('9', 5_000)), """{"a": 1}""", "[1]",
    ];

    // ...and those of its kind, judged from the example's value.
    private static readonly Dictionary<LeafKind, string[]> ByKind = new()
    {
        [LeafKind.Integer] = ["2147483648", "1.5", "1e22", "\"10\"", "false"],
        [LeafKind.Number] = ["1e-300", "\"10\"", "false"],
        [LeafKind.Boolean] = ["\"true\"", "1", "\"yes\""],
        [LeafKind.Duration] = ["\"0\"", "\"0s\"", "\"0.5s\"", "\"1h30\"", "\"99999999999999h\"", "\"1.5h\"", "30"],
        [LeafKind.Timestamp] =
        [
            "\"yesterday\"", "\"2026-11-02\"", "\"2026-11-02T00:00:00\"", "\"2026-11-02t03:00:00z\"", "\"2026-11-02T03:00:00x5Z\"",
            "\"2026-11-02T03:00:00+99:00\"", "\"2026-02-30T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"", "\"2026-11-02T03:00:00.5+01:00\"", "1762041600",
        ],
        [LeafKind.Text] = [],
    };

    private enum LeafKind { Integer, Number, Boolean, Duration, Timestamp, Text }

    /// <summary>Every mutation of <paramref name="intake"/>'s <c>spec</c>, in a fixed order.</summary>
    public static IReadOnlyList<SpecMutation> Of(JsonObject intake)
    {
        var mutations = new List<SpecMutation>();
        foreach (var (at, node) in Nodes(intake["spec"]!, ["spec"]))
        {
            var path = PathOf(at);
            SpecMutation Make(string what, Action<JsonNode?, object> change)
            {
                var copy = intake.DeepClone().AsObject();
                change(Parent(copy, at), at[^1]);
                return new SpecMutation($"{path} {what}", path, copy);
            }

            if (at.Count > 1)
            {
                mutations.Add(Make("removed", Remove));
            }

            switch (node)
            {
                case JsonObject:
                    mutations.Add(Make("+ unknown key", (parent, key) => Get(parent, key)!.AsObject()[UnknownKey] = "x"));
                    foreach (var other in new[] { "\"x\"", "5", "[]" })
                    {
                        mutations.Add(Make($"= {other}", (parent, key) => Set(parent, key, JsonNode.Parse(other))));
                    }

                    break;
                case JsonArray:
                    foreach (var other in new[] { "\"x\"", "{}", "[\"x\"]" })
                    {
                        mutations.Add(Make($"= {other}", (parent, key) => Set(parent, key, JsonNode.Parse(other))));
                    }

                    break;
                default:
                    foreach (var value in AnyLeaf.Concat(ByKind[KindOf(node)]).Distinct(StringComparer.Ordinal))
                    {
                        mutations.Add(Make($"= {Describe(value)}", (parent, key) => Set(parent, key, JsonNode.Parse(value))));
                    }

                    break;
            }
        }

        return mutations;
    }

    /// <summary><c>spec.backfills[0].from</c> for the segments <c>spec</c>, <c>backfills</c>, 0, <c>from</c>.</summary>
    public static string PathOf(IReadOnlyList<object> at) =>
        string.Concat(at.Select((s, i) => s is int index ? $"[{index}]" : i == 0 ? (string)s : $".{s}"));

    /// <summary><paramref name="path"/> without list indices, as v1.20 names a list item's field.</summary>
    public static string WithoutIndices(string path) => Index().Replace(path, "");

    private static IEnumerable<(IReadOnlyList<object> At, JsonNode? Node)> Nodes(JsonNode? node, IReadOnlyList<object> at)
    {
        yield return (at, node);
        var children = node switch
        {
            JsonObject map => map.Select(c => ((object)c.Key, c.Value)),
            JsonArray list => list.Select((item, i) => ((object)i, item)),
            _ => [],
        };
        foreach (var (key, child) in children.ToList())
        {
            foreach (var found in Nodes(child, [.. at, key]))
            {
                yield return found;
            }
        }
    }

    private static LeafKind KindOf(JsonNode? leaf)
    {
        var value = leaf?.AsValue();
        if (value is null)
        {
            return LeafKind.Text;
        }

        if (value.TryGetValue<bool>(out _))
        {
            return LeafKind.Boolean;
        }

        if (value.TryGetValue<string>(out var text))
        {
            return text switch
            {
                _ when DurationShape().IsMatch(text) => LeafKind.Duration,
                _ when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => LeafKind.Timestamp,
                _ => LeafKind.Text,
            };
        }

        return value.TryGetValue<long>(out _) ? LeafKind.Integer : LeafKind.Number;
    }

    private static JsonNode? Parent(JsonObject intake, IReadOnlyList<object> at) =>
        at.Take(at.Count - 1).Aggregate((JsonNode?)intake, Get);

    private static JsonNode? Get(JsonNode? node, object key) => key is int index ? node!.AsArray()[index] : node!.AsObject()[(string)key];

    private static void Set(JsonNode? parent, object key, JsonNode? value)
    {
        if (key is int index)
        {
            parent!.AsArray()[index] = value;
        }
        else
        {
            parent!.AsObject()[(string)key] = value;
        }
    }

    private static void Remove(JsonNode? parent, object key)
    {
        if (key is int index)
        {
            parent!.AsArray().RemoveAt(index);
        }
        else
        {
            parent!.AsObject().Remove((string)key);
        }
    }

    private static string Quote(string text) => $"\"{text}\"";

    private static string Describe(string json) => json.Length > 40 ? $"{json[..11]}… ({json.Length - 2} chars)" : json;

    [GeneratedRegex(@"^([0-9]+(ms|s|m|h))+$")]
    private static partial Regex DurationShape();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
