using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>What one run of the <see cref="DeliveryPipeline"/> delivers: one pass over a window.</summary>
/// <param name="Field">The timestamp the window is on, and the order pages come in.</param>
/// <param name="FromMs">Start of the window (epoch ms, inclusive).</param>
/// <param name="ToMs">End of the window (epoch ms, exclusive).</param>
/// <param name="Pass">The metrics label: <c>detected</c>, <c>updated</c> or <c>backfill</c>.</param>
/// <param name="AlreadyDelivered">
/// Whether a version <c>(id, updatedAt)</c> of an alert detected at <c>detectedAt</c> (the third argument) was already delivered, so is not sent again. Called from the
/// pipeline's own tasks while the caller commits: it must be safe to call concurrently with those commits.
/// </param>
/// <param name="StopRequested">Asked before each page after the first: true lists no further page.</param>
/// <param name="DryRun">List pages only: no detail, nothing sent (backfill dry runs).</param>
public sealed record DeliveryRequest(
    AlertTimeField Field, long FromMs, long ToMs, string Pass, Func<string, long, long, bool> AlreadyDelivered,
    Func<bool> StopRequested, bool DryRun = false);
