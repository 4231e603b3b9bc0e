namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// One entry of the <c>alerts(filters: [...])</c> argument as the emulator understood it.
/// <see cref="Operator"/> is the GraphQL operator field name (<c>stringEqual</c>, <c>stringIn</c>,
/// <c>dateTimeRange</c>, <c>longRange</c>).
/// </summary>
public sealed record UamFilter
{
    /// <summary>The <c>fieldId</c>, e.g. <c>detectionProduct</c> or <c>detectedAt</c>.</summary>
    public required string FieldId { get; init; }

    /// <summary>The operator field name.</summary>
    public required string Operator { get; init; }

    /// <summary>Values of a string operator (one for <c>stringEqual</c>); empty for ranges.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Range start in epoch ms; null means unbounded.</summary>
    public long? Start { get; init; }

    /// <summary>Whether <see cref="Start"/> itself matches. Defaults to true when not sent.</summary>
    public bool StartInclusive { get; init; } = true;

    /// <summary>Range end in epoch ms; null means unbounded.</summary>
    public long? End { get; init; }

    /// <summary>Whether <see cref="End"/> itself matches. Defaults to false when not sent.</summary>
    public bool EndInclusive { get; init; }

    /// <summary>The filter selects what it would otherwise exclude.</summary>
    public bool IsNegated { get; init; }

    /// <summary>True for range operators.</summary>
    public bool IsRange => Operator is "dateTimeRange" or "longRange";
}
