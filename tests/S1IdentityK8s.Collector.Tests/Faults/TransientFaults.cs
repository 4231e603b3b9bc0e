using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>The transient faults each side mixes at random when a test makes a share of requests fail.</summary>
internal static class TransientFaults
{
    /// <summary>SentinelOne: 503, GraphQL errors with and without data, a body cut short, a reset.</summary>
    public static ScriptedFault[] Uam { get; } =
    [
        ScriptedFault.ServiceUnavailable(),
        ScriptedFault.GraphQLError(),
        ScriptedFault.GraphQLError(partialData: true),
        ScriptedFault.TruncatedBody(),
        ScriptedFault.ConnectionReset(),
    ];

    /// <summary>The intake: 503, a reset before processing, and one after it (the acknowledgement is lost).</summary>
    public static ScriptedFault[] Intake { get; } =
    [
        ScriptedFault.ServiceUnavailable(),
        ScriptedFault.ConnectionReset(),
        ScriptedFault.ConnectionReset() with { AfterProcessing = true },
    ];
}
