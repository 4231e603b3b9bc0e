namespace S1IdentityK8s.Collector.Backfill;

/// <summary>A request to re-pull every Identity alert detected in <c>[From, To)</c>, as the API or the config states it.</summary>
/// <param name="Name">The idempotency key; see <see cref="BackfillValidator.NamePattern"/>.</param>
/// <param name="From">Inclusive start; UAM times are milliseconds, so finer precision is truncated.</param>
/// <param name="To">Exclusive end, truncated to the millisecond like <paramref name="From"/>.</param>
/// <param name="DryRun">Only count pages and alerts; send nothing.</param>
/// <param name="Source"><see cref="BackfillSpec.ApiSource"/> or <see cref="BackfillSpec.ConfigSource"/>.</param>
public sealed record BackfillSpec(string Name, DateTimeOffset From, DateTimeOffset To, bool DryRun, string Source)
{
    /// <summary>Source of backfills started through <c>StartBackfill</c>.</summary>
    public const string ApiSource = "api";

    /// <summary>Source of backfills declared in the config's <c>backfills[]</c>.</summary>
    public const string ConfigSource = "config";

    /// <summary><see cref="From"/> in epoch milliseconds.</summary>
    public long FromMs => From.ToUnixTimeMilliseconds();

    /// <summary><see cref="To"/> in epoch milliseconds.</summary>
    public long ToMs => To.ToUnixTimeMilliseconds();
}
