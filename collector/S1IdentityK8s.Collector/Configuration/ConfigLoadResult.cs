using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>What <see cref="CollectorConfigLoader"/> found: options and secrets when valid, otherwise every problem.</summary>
public sealed class ConfigLoadResult
{
    /// <summary>A result; options and secrets are only meaningful when <paramref name="errors"/> is empty.</summary>
    public ConfigLoadResult(CollectorOptions? options, CollectorSecrets? secrets, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
        Options = errors.Count == 0 ? options : null;
        Secrets = errors.Count == 0 ? secrets : null;
    }

    /// <summary>The validated options; null when there were errors.</summary>
    public CollectorOptions? Options { get; }

    /// <summary>The resolved secrets; null when there were errors.</summary>
    public CollectorSecrets? Secrets { get; }

    /// <summary>One line per problem, <c>key.path: expected ..., got ...</c>; never holds a secret value.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True when there were no errors (then <see cref="Options"/> and <see cref="Secrets"/> are set).</summary>
    [MemberNotNullWhen(true, nameof(Options), nameof(Secrets))]
    public bool IsValid => Errors.Count == 0 && Options is not null && Secrets is not null;
}
