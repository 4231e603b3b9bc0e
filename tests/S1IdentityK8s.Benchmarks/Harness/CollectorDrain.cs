namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>A collector's drain with what its process looked like at the end of it.</summary>
/// <param name="Drain">The drain.</param>
/// <param name="PeakRssBytes">VmHWM when the drain ended.</param>
/// <param name="RssBytes">VmRSS when the drain ended.</param>
/// <param name="CheckpointBytes">Size of its checkpoint file when the drain ended.</param>
/// <param name="RssSamples">RSS during the drain.</param>
public sealed record CollectorDrain(DrainResult Drain, long PeakRssBytes, long RssBytes, long CheckpointBytes, IReadOnlyList<RssSample> RssSamples);
