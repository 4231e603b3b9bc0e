using System.Globalization;
using System.Net;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Reads the whole document into <see cref="CollectorOptions"/>. Always returns options (bad values replaced
/// by defaults) so that every problem is found in one pass; the caller discards them when there were errors.
/// </summary>
internal static class CollectorOptionsReader
{
    private static readonly (string, LogLevel)[] Levels =
    [
        ("Trace", LogLevel.Trace),
        ("Debug", LogLevel.Debug),
        ("Information", LogLevel.Information),
        ("Warning", LogLevel.Warning),
        ("Error", LogLevel.Error),
    ];

    private static readonly (string, LogFormat)[] Formats = [("json", LogFormat.Json), ("text", LogFormat.Text)];

    /// <summary>The options of the document at <paramref name="root"/>; problems go to its errors.</summary>
    public static CollectorOptions Read(YamlSection root, ConfigPaths paths, IReadOnlyDictionary<string, string?> environment)
    {
        var defaults = new CollectorOptions { SentinelOne = null! };
        var sentinelOne = SentinelOneSectionReader.Read(root.Section("sentinelOne"), paths);
        var sekoia = SekoiaSectionReader.Read(root.Section("sekoia"), paths);
        var collection = CollectionSectionReader.Read(root.Section("collection"));
        var suspend = root.Boolean("suspend", defaults.Suspend);
        var stateDirectory = root.Text("stateDirectory", defaults.StateDirectory, "a directory path");
        var deadLetters = DeadLettersSectionReader.Read(root.Section("deadLetters"), paths, paths.Resolve(stateDirectory)!);
        var adminTokenFile = root.OptionalText("adminTokenFile");
        var listenAddress = ListenAddress(root, defaults.ListenAddress, environment);
        var http = Port(root.Section("http"), defaults.Http.Port);
        var grpc = Port(root.Section("grpc"), defaults.Grpc.Port);
        if (http == grpc && http != 0)
        {
            root.Errors.Expected("grpc.port", $"a port different from http.port ({http})", grpc.ToString(CultureInfo.InvariantCulture));
        }

        var logging = Logging(root.Section("logging"));
        var intake = Intake(root.Section("intake"));
        var maxSpan = root.Duration("backfillMaxSpan", defaults.BackfillMaxSpan, TimeSpan.Zero, minExclusive: true);
        var backfills = BackfillsReader.Read(root, maxSpan);
        var kubernetes = KubernetesSectionReader.Read(root, paths, environment);
        var tls = TlsSectionReader.Read(root.Section("tls"), paths);
        root.ReportUnknownKeys();
        return new CollectorOptions
        {
            SentinelOne = sentinelOne,
            Sekoia = sekoia,
            Collection = collection,
            Suspend = suspend,
            StateDirectory = paths.Resolve(stateDirectory)!,
            DeadLetters = deadLetters,
            AdminTokenFile = paths.Resolve(adminTokenFile),
            ListenAddress = listenAddress,
            Http = new PortOptions { Port = http },
            Grpc = new PortOptions { Port = grpc },
            Logging = logging,
            Intake = intake,
            Backfills = backfills,
            BackfillMaxSpan = maxSpan,
            Kubernetes = kubernetes,
            Tls = tls,
        };
    }

    private static string ListenAddress(YamlSection root, string fallback, IReadOnlyDictionary<string, string?> environment)
    {
        const string expectation = "an IP address (0.0.0.0, ::, 127.0.0.1) or localhost";
        var configured = root.Text("listenAddress", fallback, expectation);
        var configuredValid = ValidListenAddress(configured);
        if (configuredValid is null)
        {
            root.Errors.Expected(root.KeyPath("listenAddress"), expectation, ConfigText.Quote(configured));
        }

        // Where pods share one network (hostNetwork: bind the pod's own IP, from the downward API's
        // status.podIP), the host decides the bind address: the environment overrides the file.
        if (environment.TryGetValue(CollectorOptions.ListenAddressVariable, out var overridden) && !string.IsNullOrEmpty(overridden))
        {
            var valid = ValidListenAddress(overridden);
            if (valid is null)
            {
                root.Errors.Expected($"environment variable {CollectorOptions.ListenAddressVariable}", expectation, ConfigText.Quote(overridden));
            }

            return valid ?? fallback;
        }

        return configuredValid ?? fallback;
    }

    private static string? ValidListenAddress(string text)
    {
        // IPAddress.TryParse also takes shorthands like "1" (0.0.0.1): only full dotted quads and IPv6 pass.
        var isAddress = IPAddress.TryParse(text, out var address)
            && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);
        if (isAddress)
        {
            return text;
        }

        return text.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? "localhost" : null;
    }

    private static int Port(YamlSection section, int fallback)
    {
        var port = section.Integer("port", fallback, 0, 65_535);
        section.ReportUnknownKeys();
        return port;
    }

    private static LoggingOptions Logging(YamlSection section)
    {
        var defaults = new LoggingOptions();
        var options = new LoggingOptions
        {
            Level = section.Choice("level", defaults.Level, Levels),
            Format = section.Choice("format", defaults.Format, Formats),
        };
        section.ReportUnknownKeys();
        return options;
    }

    private static IntakeIdentity Intake(YamlSection section)
    {
        var defaults = new IntakeIdentity();
        var identity = new IntakeIdentity
        {
            Namespace = section.Text("namespace", defaults.Namespace, "a namespace", allowEmpty: true),
            Name = section.Text("name", defaults.Name, "a non-empty name"),
        };
        section.ReportUnknownKeys();
        return identity;
    }
}
