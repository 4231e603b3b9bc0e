using Microsoft.Extensions.Logging;
using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class CollectorConfigLoaderDefaultsTests
{
    [Fact]
    public void Parse_MinimalFile_AppliesEveryDefault()
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal);

        Assert.Equal(new Uri("https://usea1-partners.sentinelone.net/"), options.SentinelOne.BaseUri);
        Assert.Null(options.SentinelOne.ApiTokenFile);
        Assert.Equal(500, options.SentinelOne.PageSize);
        Assert.Equal(50, options.SentinelOne.DetailBatchSize);
        Assert.Equal(4, options.SentinelOne.DetailConcurrency);
        Assert.Equal(10d, options.SentinelOne.RequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SentinelOne.RequestTimeout);
        Assert.Equal(5, options.SentinelOne.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.SentinelOne.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SentinelOne.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Sekoia.RefusedRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Sekoia.MaxRefusedRetryDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Sekoia.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Sekoia.Retry.MaxDelay);
        Assert.Equal(SekoiaRegion.Fra1, options.Sekoia.Region);
        Assert.Equal(new Uri("https://intake.sekoia.io"), options.Sekoia.EndpointUri);
        Assert.Null(options.Sekoia.IntakeKeyFile);
        Assert.Equal(1000, options.Sekoia.MaxBatchEvents);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Collection.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Collection.SettleDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Collection.Overlap);
        Assert.Equal(TimeSpan.FromHours(24), options.Collection.InitialLookback);
        Assert.True(options.Collection.CollectUpdates);
        Assert.False(options.Suspend);
        Assert.Equal("/var/lib/s1identity", options.StateDirectory);
        Assert.Null(options.AdminTokenFile);
        Assert.Equal("0.0.0.0", options.ListenAddress);
        Assert.Equal(8080, options.Http.Port);
        Assert.Equal(50051, options.Grpc.Port);
        Assert.Equal(LogLevel.Information, options.Logging.Level);
        Assert.Equal(LogFormat.Json, options.Logging.Format);
        Assert.Equal("", options.Intake.Namespace);
        Assert.Equal("standalone", options.Intake.Name);
        Assert.Empty(options.Backfills);
        Assert.Equal(TimeSpan.FromHours(744), options.BackfillMaxSpan);
    }

    [Fact]
    public void Parse_EveryKeySet_ReadsEveryValue()
    {
        const string yaml = """
            sentinelOne:
              hostname: https://euce1-100.sentinelone.net:8443/
              apiTokenFile: secrets/s1-token
              pageSize: 1000
              detailBatchSize: 1
              detailConcurrency: 16
              requestsPerSecond: 2.5
              requestTimeout: 1m30s
              retry: {maxAttempts: 8, initialDelay: 500ms, maxDelay: 1m}
            sekoia:
              region: usa1
              intakeKeyFile: /run/sekoia/key
              maxBatchEvents: 10000
              refusedRetryDelay: 5s
              maxRefusedRetryDelay: 2m
              retry: {initialDelay: 2s, maxDelay: 5m}
            collection:
              pollInterval: 1s
              settleDelay: 0s
              overlap: 0
              initialLookback: 168h
              collectUpdates: false
            suspend: true
            stateDirectory: state
            adminTokenFile: /run/admin/token
            listenAddress: 127.0.0.1
            http: {port: 0}
            grpc: {port: 0}
            logging: {level: debug, format: TEXT}
            intake: {namespace: soc, name: tenant-a}
            backfills:
              - {name: incident-42, from: "2026-11-02T00:00:00Z", to: "2026-11-02T06:00:00+02:00"}
            backfillMaxSpan: 48h
            """;

        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorSecrets.AdminTokenVariable] = "admin-token";
        var result = CollectorConfigLoader.Parse(yaml, environment, "/config");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var options = result.Options;

        Assert.Equal(new Uri("https://euce1-100.sentinelone.net:8443/"), options.SentinelOne.BaseUri);
        Assert.Equal("/config/secrets/s1-token", options.SentinelOne.ApiTokenFile);
        Assert.Equal(1000, options.SentinelOne.PageSize);
        Assert.Equal(1, options.SentinelOne.DetailBatchSize);
        Assert.Equal(16, options.SentinelOne.DetailConcurrency);
        Assert.Equal(2.5, options.SentinelOne.RequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(90), options.SentinelOne.RequestTimeout);
        Assert.Equal(8, options.SentinelOne.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.SentinelOne.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), options.SentinelOne.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Sekoia.RefusedRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Sekoia.MaxRefusedRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Sekoia.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Sekoia.Retry.MaxDelay);
        Assert.Equal(SekoiaRegion.Usa1, options.Sekoia.Region);
        Assert.Equal("/run/sekoia/key", options.Sekoia.IntakeKeyFile);
        Assert.Equal(10_000, options.Sekoia.MaxBatchEvents);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Collection.PollInterval);
        Assert.Equal(TimeSpan.Zero, options.Collection.SettleDelay);
        Assert.Equal(TimeSpan.Zero, options.Collection.Overlap);
        Assert.Equal(TimeSpan.FromDays(7), options.Collection.InitialLookback);
        Assert.False(options.Collection.CollectUpdates);
        Assert.True(options.Suspend);
        Assert.Equal("/config/state", options.StateDirectory);
        Assert.Equal("/run/admin/token", options.AdminTokenFile);
        Assert.Equal("127.0.0.1", options.ListenAddress);
        Assert.Equal(0, options.Http.Port);
        Assert.Equal(0, options.Grpc.Port);
        Assert.Equal(LogLevel.Debug, options.Logging.Level);
        Assert.Equal(LogFormat.Text, options.Logging.Format);
        Assert.Equal("soc/tenant-a", options.Intake.ToString());
        var backfill = Assert.Single(options.Backfills);
        Assert.Equal(
            new BackfillRequest("incident-42", new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 4, 0, 0, TimeSpan.Zero)),
            backfill);
        Assert.Equal(TimeSpan.FromHours(48), options.BackfillMaxSpan);
    }

    [Fact]
    public void Parse_NullValues_ReadAsAbsent()
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal + "  pageSize: ~\nsekoia:\ncollection:\n  pollInterval:\nbackfills: []\n");

        Assert.Equal(500, options.SentinelOne.PageSize);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Collection.PollInterval);
        Assert.Empty(options.Backfills);
    }

    [Theory]
    [InlineData("::", "::")]
    [InlineData("LocalHost", "localhost")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    public void Parse_ListenAddress_IsKeptOrNormalised(string written, string expected) =>
        Assert.Equal(expected, ConfigYaml.Valid(ConfigYaml.Minimal + $"listenAddress: \"{written}\"\n").ListenAddress);

    [Fact]
    public void Parse_ListenAddressVariable_OverridesTheFile()
    {
        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorOptions.ListenAddressVariable] = "127.0.1.7";

        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal + "listenAddress: 0.0.0.0\n", environment, "/config");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("127.0.1.7", result.Options.ListenAddress);
    }

    [Fact]
    public void Parse_BadListenAddressVariable_NamesTheVariable()
    {
        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorOptions.ListenAddressVariable] = "pod-ip";

        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal, environment, "/config");

        var error = Assert.Single(result.Errors);
        Assert.Contains(CollectorOptions.ListenAddressVariable, error, StringComparison.Ordinal);
        Assert.Contains("'pod-ip'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameInputTwice_GivesEqualIndependentResults()
    {
        var first = ConfigYaml.Valid(ConfigYaml.Minimal);
        var second = ConfigYaml.Valid(ConfigYaml.Minimal);

        Assert.NotSame(first, second);
        Assert.Equal(first.SentinelOne.BaseUri, second.SentinelOne.BaseUri);
    }
}
