using Google.Protobuf.WellKnownTypes;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>When SourceReachable and SinkReachable turn False: at once for what retrying cannot fix, after an allowance for retried failures.</summary>
public sealed class ReachabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, SubsystemState, int?, string> Cases => new()
    {
        { "answering", SubsystemState.Ok, 5, "True" },
        { "retrying a blip (last success 20 s ago)", SubsystemState.Degraded, 20, "True" },
        { "retrying for 2 minutes", SubsystemState.Degraded, 120, "False" },
        { "retrying, never answered", SubsystemState.Degraded, null, "False" },
        { "refusing the query (not retried)", SubsystemState.Failing, 1, "False" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conditions_SourceState_Reachable(string name, SubsystemState state, int? secondsSinceSuccess, string expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        var source = new SubsystemStatus { Name = "sentinelone", State = state, LastError = "SentinelOne server error (HTTP 503)" };
        if (secondsSinceSuccess is { } seconds)
        {
            source.LastSuccessTime = Timestamp.FromDateTimeOffset(Now.AddSeconds(-seconds));
        }

        var spec = new IntakeSpec { Collection = new CollectionSpec { PollInterval = "10s", SettleDelay = "0s" } };
        var condition = CollectorStatusMapper.Conditions(new CollectorStatus { Sentinelone = source }, spec, Now)
            .Single(c => c.Type == ConditionTypes.SourceReachable);

        Assert.Equal(expected, condition.Status);
        if (expected == "False")
        {
            Assert.Contains("HTTP 503", condition.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Conditions_OutageGoesOn_MessageStaysTheSame()
    {
        var source = new SubsystemStatus
        {
            State = SubsystemState.Degraded,
            LastError = "SentinelOne unreachable: connection reset",
            LastSuccessTime = Timestamp.FromDateTimeOffset(Now.AddMinutes(-5)),
        };
        var spec = new IntakeSpec { Collection = new CollectionSpec { PollInterval = "10s", SettleDelay = "0s" } };

        var first = CollectorStatusMapper.Conditions(new CollectorStatus { Sentinelone = source }, spec, Now).Single(c => c.Type == ConditionTypes.SourceReachable);
        var later = CollectorStatusMapper.Conditions(new CollectorStatus { Sentinelone = source }, spec, Now.AddMinutes(3)).Single(c => c.Type == ConditionTypes.SourceReachable);

        Assert.Equal(first, later);
        Assert.Equal("SentinelOne: no successful answer since 2026-12-02T09:55:00Z: SentinelOne unreachable: connection reset", first.Message);
    }
}
