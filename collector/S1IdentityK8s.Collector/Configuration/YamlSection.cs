using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// One YAML mapping being read, with its key path (<c>backfills[0]</c>). Reading a key marks it known; after
/// the last read, <see cref="ReportUnknownKeys"/> reports every other key so typos are never ignored.
/// A key whose value is YAML null (<c>key:</c>, <c>~</c>, <c>null</c>) reads as absent.
/// </summary>
internal sealed class YamlSection
{
    private readonly Dictionary<string, YamlNode> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="mapping"/> (null reads as empty) found at <paramref name="path"/>.</summary>
    public YamlSection(YamlMappingNode? mapping, string path, ConfigErrors errors)
    {
        Path = path;
        Errors = errors;
        foreach (var entry in mapping?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (entry.Key is YamlScalarNode { Value: { } name })
            {
                _entries[name] = entry.Value;
            }
            else
            {
                errors.Expected(Path.Length == 0 ? "(document)" : Path, "plain string keys", $"{Describe(entry.Key)} as a key");
            }
        }
    }

    /// <summary>Path of this section; empty for the document root.</summary>
    public string Path { get; }

    /// <summary>Where problems go.</summary>
    public ConfigErrors Errors { get; }

    /// <summary>The full path of <paramref name="key"/> in this section.</summary>
    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value of <paramref name="key"/>, or null when absent or YAML null.</summary>
    public YamlNode? Value(string key)
    {
        _read.Add(key);
        return _entries.TryGetValue(key, out var node) && !IsNull(node) ? node : null;
    }

    /// <summary>The scalar text of <paramref name="key"/>; null when absent, or (reported) when not a scalar.</summary>
    public string? Scalar(string key)
    {
        var node = Value(key);
        if (node is null or YamlScalarNode)
        {
            return (node as YamlScalarNode)?.Value;
        }

        Errors.Expected(KeyPath(key), "a single value", Describe(node));
        return null;
    }

    /// <summary>The mapping under <paramref name="key"/>; empty when absent, or (reported) when not a mapping.</summary>
    public YamlSection Section(string key) => AsSection(Value(key), KeyPath(key));

    /// <summary>
    /// The mappings listed under <paramref name="key"/>; empty when absent, or (reported) when not a list.
    /// An item that is not a mapping is reported and left out, so it causes one error, not one per missing key.
    /// </summary>
    public IReadOnlyList<YamlSection> Sections(string key)
    {
        var node = Value(key);
        if (node is not (null or YamlSequenceNode))
        {
            Errors.Expected(KeyPath(key), "a list", Describe(node));
            return [];
        }

        var sections = new List<YamlSection>();
        foreach (var (item, i) in (node as YamlSequenceNode)?.Children.Select((item, i) => (item, i)) ?? [])
        {
            if (item is YamlMappingNode mapping)
            {
                sections.Add(new YamlSection(mapping, $"{KeyPath(key)}[{i}]", Errors));
            }
            else
            {
                Errors.Expected($"{KeyPath(key)}[{i}]", "a mapping (key: value lines)", IsNull(item) ? "an empty item" : Describe(item));
            }
        }

        return sections;
    }

    /// <summary>Reports every key of this mapping that no read asked for, with the closest known key.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var key in _entries.Keys.Where(k => !_read.Contains(k)))
        {
            var suggestion = KeySuggestions.Closest(key, _read);
            Errors.Add(KeyPath(key), suggestion is null ? "unknown key" : $"unknown key (did you mean {suggestion}?)");
        }
    }

    /// <summary>How a node is named in "got ..." (never more than a short scalar).</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => ConfigText.Show(scalar.Value ?? ""),
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    private YamlSection AsSection(YamlNode? node, string path)
    {
        if (node is not (null or YamlMappingNode))
        {
            Errors.Expected(path, "a mapping (key: value lines)", Describe(node));
        }

        return new YamlSection(node as YamlMappingNode, path, Errors);
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" or null };
}
