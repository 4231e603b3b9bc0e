using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class CollectorConfigLoaderErrorsTests
{
    private const string Backfill = "backfills:\n  - {name: a, from: \"2026-11-02T00:00:00Z\", to: \"2026-11-02T06:00:00Z\"}\n";

    /// <summary>Name, document, and the exact error lines it must produce (and nothing else).</summary>
    public static TheoryData<string, string, string[]> BadConfigs => new()
    {
        {
            "page size too large", ConfigYaml.Minimal + "  pageSize: 5000\n",
            ["sentinelOne.pageSize: expected an integer from 1 to 1000, got 5000"]
        },
        {
            "page size not a number", ConfigYaml.Minimal + "  pageSize: lots\n",
            ["sentinelOne.pageSize: expected an integer from 1 to 1000, got 'lots'"]
        },
        {
            "page size is a list", ConfigYaml.Minimal + "  pageSize: [1, 2]\n",
            ["sentinelOne.pageSize: expected a single value, got a list"]
        },
        {
            "detail batch zero", ConfigYaml.Minimal + "  detailBatchSize: 0\n",
            ["sentinelOne.detailBatchSize: expected an integer from 1 to 100, got 0"]
        },
        {
            "detail concurrency zero", ConfigYaml.Minimal + "  detailConcurrency: 0\n",
            ["sentinelOne.detailConcurrency: expected an integer from 1 to 16, got 0"]
        },
        {
            "detail concurrency too high", ConfigYaml.Minimal + "  detailConcurrency: 17\n",
            ["sentinelOne.detailConcurrency: expected an integer from 1 to 16, got 17"]
        },
        {
            "requests per second zero", ConfigYaml.Minimal + "  requestsPerSecond: 0\n",
            ["sentinelOne.requestsPerSecond: expected a number greater than 0 and at most 100, got 0"]
        },
        {
            "requests per second too high", ConfigYaml.Minimal + "  requestsPerSecond: 250\n",
            ["sentinelOne.requestsPerSecond: expected a number greater than 0 and at most 100, got 250"]
        },
        {
            "requests per second too small for a timer", ConfigYaml.Minimal + "  requestsPerSecond: 1e-300\n",
            ["sentinelOne.requestsPerSecond: expected a number of at least 0.01 (one request every 100 s) and at most 100, got 1E-300"]
        },
        {
            "request timeout unitless", ConfigYaml.Minimal + "  requestTimeout: 30\n",
            ["sentinelOne.requestTimeout: expected a duration like 30s, 5m or 24h, got '30'"]
        },
        {
            "request timeout zero", ConfigYaml.Minimal + "  requestTimeout: 0s\n",
            ["sentinelOne.requestTimeout: expected a duration greater than 0s, got 0s"]
        },
        {
            "retry attempts zero", ConfigYaml.Minimal + "  retry:\n    maxAttempts: 0\n",
            ["sentinelOne.retry.maxAttempts: expected an integer from 1 to 20, got 0"]
        },
        {
            "retry delay zero", ConfigYaml.Minimal + "  retry:\n    initialDelay: 0s\n",
            ["sentinelOne.retry.initialDelay: expected a duration greater than 0s, got 0s"]
        },
        {
            "retry cap below first delay", ConfigYaml.Minimal + "  retry:\n    initialDelay: 10s\n    maxDelay: 2s\n",
            ["sentinelOne.retry.maxDelay: expected a duration of at least sentinelOne.retry.initialDelay (10s), got 2s"]
        },
        {
            "retry unknown key", ConfigYaml.Minimal + "  retry:\n    attempts: 3\n",
            ["sentinelOne.retry.attempts: unknown key"]
        },
        {
            "intake retry cap below first delay", ConfigYaml.Minimal + "sekoia:\n  retry:\n    initialDelay: 10s\n    maxDelay: 2s\n",
            ["sekoia.retry.maxDelay: expected a duration of at least sekoia.retry.initialDelay (10s), got 2s"]
        },
        {
            "intake retry attempts (not a limit there)", ConfigYaml.Minimal + "sekoia:\n  retry:\n    maxAttempts: 3\n",
            ["sekoia.retry.maxAttempts: unknown key"]
        },
        {
            "refused retry cap below first delay", ConfigYaml.Minimal + "sekoia:\n  refusedRetryDelay: 1m\n  maxRefusedRetryDelay: 30s\n",
            ["sekoia.maxRefusedRetryDelay: expected a duration of at least sekoia.refusedRetryDelay (1m), got 30s"]
        },
        {
            "hostname missing", "sentinelOne:\n  pageSize: 100\n",
            ["sentinelOne.hostname: required: expected host[:port] or https://host[:port], e.g. usea1-partners.sentinelone.net"]
        },
        {
            "sentinelOne not a mapping", "sentinelOne: usea1-partners.sentinelone.net\n",
            [
                "sentinelOne: expected a mapping (key: value lines), got 'usea1-partners.sentinelone.net'",
                "sentinelOne.hostname: required: expected host[:port] or https://host[:port], e.g. usea1-partners.sentinelone.net",
            ]
        },
        {
            "unknown region", ConfigYaml.Minimal + "sekoia:\n  region: EU1\n",
            ["sekoia.region: expected one of FRA1, FRA2, MCO1, UAE1, USA1, SGP1, got 'EU1'"]
        },
        {
            "batch size too large", ConfigYaml.Minimal + "sekoia:\n  maxBatchEvents: 20000\n",
            ["sekoia.maxBatchEvents: expected an integer from 1 to 10000, got 20000"]
        },
        {
            "poll interval unitless", ConfigYaml.Minimal + "collection:\n  pollInterval: 10\n",
            ["collection.pollInterval: expected a duration like 30s, 5m or 24h, got '10'"]
        },
        {
            "poll interval too short", ConfigYaml.Minimal + "collection:\n  pollInterval: 500ms\n",
            ["collection.pollInterval: expected a duration of at least 1s, got 500ms"]
        },
        {
            "settle delay negative", ConfigYaml.Minimal + "collection:\n  settleDelay: -5s\n",
            ["collection.settleDelay: expected a duration like 30s, 5m or 24h, got '-5s' (negative durations are not allowed)"]
        },
        {
            "lookback in days", ConfigYaml.Minimal + "collection:\n  initialLookback: 1d\n",
            ["collection.initialLookback: expected a duration like 30s, 5m or 24h, got '1d' (use 24h)"]
        },
        {
            "lookback zero", ConfigYaml.Minimal + "collection:\n  initialLookback: 0\n",
            ["collection.initialLookback: expected a duration greater than 0s, got 0"]
        },
        {
            "collect updates yes", ConfigYaml.Minimal + "collection:\n  collectUpdates: yes\n",
            ["collection.collectUpdates: expected true or false, got 'yes'"]
        },
        {
            "suspend number", ConfigYaml.Minimal + "suspend: 1\n",
            ["suspend: expected true or false, got 1"]
        },
        {
            "state directory empty", ConfigYaml.Minimal + "stateDirectory: \"\"\n",
            ["stateDirectory: expected a directory path, got an empty value"]
        },
        {
            "listen address name", ConfigYaml.Minimal + "listenAddress: any\n",
            ["listenAddress: expected an IP address (0.0.0.0, ::, 127.0.0.1) or localhost, got 'any'"]
        },
        {
            "listen address shorthand", ConfigYaml.Minimal + "listenAddress: \"1\"\n",
            ["listenAddress: expected an IP address (0.0.0.0, ::, 127.0.0.1) or localhost, got '1'"]
        },
        {
            "http port too large", ConfigYaml.Minimal + "http: {port: 70000}\n",
            ["http.port: expected an integer from 0 to 65535, got 70000"]
        },
        {
            "grpc port negative", ConfigYaml.Minimal + "grpc: {port: -1}\n",
            ["grpc.port: expected an integer from 0 to 65535, got -1"]
        },
        {
            "same ports", ConfigYaml.Minimal + "http: {port: 9000}\ngrpc: {port: 9000}\n",
            ["grpc.port: expected a port different from http.port (9000), got 9000"]
        },
        {
            "log level verbose", ConfigYaml.Minimal + "logging: {level: verbose}\n",
            ["logging.level: expected one of Trace, Debug, Information, Warning, Error, got 'verbose'"]
        },
        {
            "log format xml", ConfigYaml.Minimal + "logging: {format: xml}\n",
            ["logging.format: expected one of json, text, got 'xml'"]
        },
        {
            "intake name empty", ConfigYaml.Minimal + "intake: {name: \"\"}\n",
            ["intake.name: expected a non-empty name, got an empty value"]
        },
        {
            "backfill max span zero", ConfigYaml.Minimal + "backfillMaxSpan: 0s\n",
            ["backfillMaxSpan: expected a duration greater than 0s, got 0s"]
        },
        {
            "backfills not a list", ConfigYaml.Minimal + "backfills: {name: a}\n",
            ["backfills: expected a list, got a mapping"]
        },
        {
            "backfill name missing", ConfigYaml.Minimal + "backfills:\n  - {from: \"2026-11-02T00:00:00Z\", to: \"2026-11-02T06:00:00Z\"}\n",
            ["backfills[0].name: required: expected a non-empty name"]
        },
        {
            "backfill timestamp not RFC 3339", ConfigYaml.Minimal + "backfills:\n  - {name: a, from: yesterday, to: \"2026-11-02T06:00:00Z\"}\n",
            ["backfills[0].from: expected an RFC 3339 timestamp like 2026-11-02T00:00:00Z, got 'yesterday'"]
        },
        {
            "backfill timestamp without zone", ConfigYaml.Minimal + "backfills:\n  - {name: a, from: \"2026-11-02T00:00:00\", to: \"2026-11-02T06:00:00Z\"}\n",
            ["backfills[0].from: expected an RFC 3339 timestamp like 2026-11-02T00:00:00Z, got '2026-11-02T00:00:00'"]
        },
        {
            "backfill to missing", ConfigYaml.Minimal + "backfills:\n  - {name: a, from: \"2026-11-02T00:00:00Z\"}\n",
            ["backfills[0].to: required: expected an RFC 3339 timestamp like 2026-11-02T00:00:00Z"]
        },
        {
            "backfill reversed", ConfigYaml.Minimal + "backfills:\n  - {name: a, from: \"2026-11-02T06:00:00Z\", to: \"2026-11-02T00:00:00Z\"}\n",
            ["backfills[0].to: expected a time after from (2026-11-02T06:00:00Z), got 2026-11-02T00:00:00Z"]
        },
        {
            "backfill too long", ConfigYaml.Minimal + "backfillMaxSpan: 1h\n" + Backfill,
            ["backfills[0].to: expected at most backfillMaxSpan (1h) after from, got a span of 6h"]
        },
        {
            "backfill name reused", ConfigYaml.Minimal + Backfill + "  - {name: a, from: \"2026-11-03T00:00:00Z\", to: \"2026-11-03T06:00:00Z\"}\n",
            ["backfills[1].name: expected a name not already used (backfills[0].name), got 'a'"]
        },
        {
            "backfill item not a mapping", ConfigYaml.Minimal + Backfill + "  - 5\n  -\n",
            [
                "backfills[1]: expected a mapping (key: value lines), got 5",
                "backfills[2]: expected a mapping (key: value lines), got an empty item",
            ]
        },
        {
            "typo in nested key", ConfigYaml.Minimal + "collection:\n  polInterval: 30s\n",
            ["collection.polInterval: unknown key (did you mean pollInterval?)"]
        },
        {
            "snake case key", ConfigYaml.Minimal + "  page_size: 100\n",
            ["sentinelOne.page_size: unknown key (did you mean pageSize?)"]
        },
        {
            "wrong case key", "SentinelOne:\n  hostname: x\n",
            [
                "sentinelOne.hostname: required: expected host[:port] or https://host[:port], e.g. usea1-partners.sentinelone.net",
                "SentinelOne: unknown key (did you mean sentinelOne?)",
            ]
        },
        {
            "unrelated top-level key", ConfigYaml.Minimal + "colour: blue\n",
            ["colour: unknown key"]
        },
        {
            "unknown key in backfill", ConfigYaml.Minimal + "backfills:\n  - {name: a, from: \"2026-11-02T00:00:00Z\", until: \"2026-11-02T06:00:00Z\"}\n",
            [
                "backfills[0].to: required: expected an RFC 3339 timestamp like 2026-11-02T00:00:00Z",
                "backfills[0].until: unknown key",
            ]
        },
        {
            "document is a list", "- sentinelOne\n",
            ["(document): expected a mapping (key: value lines), got a list"]
        },
        {
            "two documents", ConfigYaml.Minimal + "---\n" + ConfigYaml.Minimal,
            ["(document): expected one YAML document, got 2 documents"]
        },
        {
            "duplicate key", ConfigYaml.Minimal + "  hostname: other.sentinelone.net\n",
            ["line 3, column 3: invalid YAML: Duplicate key hostname"]
        },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Parse_BadConfig_ReportsExactlyTheProblem(string name, string yaml, string[] expected)
    {
        var result = ConfigYaml.Parse(yaml);

        Assert.False(result.IsValid, name);
        Assert.Null(result.Options);
        Assert.Null(result.Secrets);
        Assert.Equal(expected, result.Errors);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllAtOnce()
    {
        const string yaml = """
            sentinelOne:
              hostname: https://usea1-partners.sentinelone.net/web/api
              pageSize: 0
            sekoia:
              region: EU9
            collection:
              pollInterval: 10
              polInterval: 30s
            logging:
              level: loud
            """;

        var result = CollectorConfigLoader.Parse(yaml, ConfigYaml.NoEnvironment(), "/config");

        Assert.Equal(
            [
                "sentinelOne.hostname: expected host[:port] or https://host[:port], got a URL with path '/web/api'",
                "sentinelOne.pageSize: expected an integer from 1 to 1000, got 0",
                "sekoia.region: expected one of FRA1, FRA2, MCO1, UAE1, USA1, SGP1, got 'EU9'",
                "collection.pollInterval: expected a duration like 30s, 5m or 24h, got '10'",
                "collection.polInterval: unknown key (did you mean pollInterval?)",
                "logging.level: expected one of Trace, Debug, Information, Warning, Error, got 'loud'",
                "sentinelOne.apiTokenFile or env S1_API_TOKEN: required",
                "sekoia.intakeKeyFile or env SEKOIA_INTAKE_KEY: required",
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineAndColumn()
    {
        var result = ConfigYaml.Parse("sentinelOne:\n  hostname: [unclosed\n  pageSize: 5\n");

        var error = Assert.Single(result.Errors);
        Assert.Matches(@"^line \d+, column \d+: invalid YAML: ", error);
    }

    [Fact]
    public void Parse_EmptyDocument_ReportsRequiredKeysOnly()
    {
        var result = CollectorConfigLoader.Parse("# nothing yet\n", ConfigYaml.SecretsEnvironment(), null);

        Assert.Equal(
            ["sentinelOne.hostname: required: expected host[:port] or https://host[:port], e.g. usea1-partners.sentinelone.net"],
            result.Errors);
    }

    [Fact]
    public void Load_MissingFile_ReportsPath()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "absent.yaml");

        var result = CollectorConfigLoader.Load(path, ConfigYaml.SecretsEnvironment());

        Assert.Equal([$"config file '{path}': not found"], result.Errors);
    }

    [Fact]
    public void Load_RelativePaths_ResolveAgainstTheFileDirectory()
    {
        using var directory = new TempDirectory();
        directory.Write("secrets/token", "from-file-token\n");
        var path = directory.Write("collector.yaml", ConfigYaml.Minimal + "  apiTokenFile: secrets/token\nstateDirectory: state\n");
        var environment = new Dictionary<string, string?> { ["SEKOIA_INTAKE_KEY"] = ConfigYaml.IntakeKey };

        var result = CollectorConfigLoader.Load(path, environment);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(Path.Combine(directory.Path, "secrets", "token"), result.Options.SentinelOne.ApiTokenFile);
        Assert.Equal(Path.Combine(directory.Path, "state"), result.Options.StateDirectory);
        Assert.Equal("from-file-token", result.Secrets.ApiToken.Reveal());
    }
}
