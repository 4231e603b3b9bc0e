using System.Collections;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Loads the collector's YAML configuration and its secrets, reporting every problem at once. Pure apart from
/// reading the config and secret files, and cheap, so a file watcher may simply call it again on change.
/// Relative paths in the file are resolved against the file's directory.
/// </summary>
public static class CollectorConfigLoader
{
    /// <summary>Environment variable naming the config file, for hosts that want one.</summary>
    public const string ConfigPathVariable = "S1_COLLECTOR_CONFIG";

    /// <summary>The config file path used when nothing else names one.</summary>
    public const string DefaultConfigPath = "/etc/s1identity/collector.yaml";

    /// <summary>Loads <paramref name="path"/> with secrets from the process environment or their files.</summary>
    public static ConfigLoadResult Load(string path) => Load(path, ProcessEnvironment());

    /// <summary>Loads <paramref name="path"/> with secrets from <paramref name="environment"/> or their files.</summary>
    public static ConfigLoadResult Load(string path, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed($"config file '{fullPath}': not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed($"config file '{fullPath}': cannot be read ({e.GetType().Name})");
        }

        return Parse(text, environment, Path.GetDirectoryName(fullPath));
    }

    /// <summary>
    /// Parses <paramref name="yamlText"/>; relative paths resolve against <paramref name="baseDirectory"/>
    /// (the working directory when null).
    /// </summary>
    public static ConfigLoadResult Parse(string yamlText, IReadOnlyDictionary<string, string?> environment, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new ConfigErrors();
        var root = ParseDocument(yamlText, errors);
        if (root is null)
        {
            return new ConfigLoadResult(null, null, errors.Lines);
        }

        var paths = new ConfigPaths(Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory));
        var options = CollectorOptionsReader.Read(root, paths, environment);
        var apiToken = SecretResolver.Resolve(
            new SecretSetting("sentinelOne.apiTokenFile", options.SentinelOne.ApiTokenFile, CollectorSecrets.ApiTokenVariable, Required: true), environment, errors);
        var intakeKey = SecretResolver.Resolve(
            new SecretSetting("sekoia.intakeKeyFile", options.Sekoia.IntakeKeyFile, CollectorSecrets.IntakeKeyVariable, Required: true), environment, errors);
        var adminToken = SecretResolver.Resolve(
            new SecretSetting("adminTokenFile", options.AdminTokenFile, CollectorSecrets.AdminTokenVariable, Required: false), environment, errors);

        // Belt and braces: whatever path a message took, a resolved secret never appears in it.
        errors.Redact(new[] { apiToken, intakeKey, adminToken }.OfType<SecretSource>().Select(s => s.Current.Reveal()));
        var secrets = apiToken is null || intakeKey is null ? null : new CollectorSecrets(apiToken, intakeKey, adminToken);
        return new ConfigLoadResult(options, secrets, errors.Lines);
    }

    private static YamlSection? ParseDocument(string yamlText, ConfigErrors errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            errors.Add($"line {e.Start.Line}, column {e.Start.Column}", $"invalid YAML: {e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. an unclosed flow sequence).
            var mark = LastParsedPosition(yamlText);
            errors.Add($"line {mark.Line}, column {mark.Column}", "invalid YAML: cannot parse beyond this point (unclosed bracket or quote?)");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Expected("(document)", "one YAML document", $"{stream.Documents.Count} documents");
            return null;
        }

        var node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (node is not (null or YamlMappingNode) && !(node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" }))
        {
            errors.Expected("(document)", "a mapping (key: value lines)", YamlSection.Describe(node));
            return null;
        }

        return new YamlSection(node as YamlMappingNode, "", errors);
    }

    private static Mark LastParsedPosition(string yamlText)
    {
        var parser = new Parser(new StringReader(yamlText));
        var last = new Mark(0, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Expected: this is the point where parsing stops.
        }

        return last;
    }

    private static ConfigLoadResult Failed(string error) => new(null, null, [error]);

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        return environment;
    }
}
