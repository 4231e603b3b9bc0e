using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Benchmarks.Micro;

/// <summary>
/// Building the <c>/batch</c> bodies for 5,000 merged alerts: serialising a <c>{intake_key, jsons}</c>
/// object per chunk (the straightforward way, baseline) against our chunker, which encodes each alert
/// once as a JSON string literal and concatenates, so chunk sizes are exact without re-serialising.
/// </summary>
[MemoryDiagnoser]
public class IntakeBodyBenchmarks
{
    private List<JsonObject> _alerts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        _alerts = AlertFixtures.Generate(5_000, now.AddHours(-1), now, seed: 2).ToList();
    }

    [Benchmark(Baseline = true, Description = "serialise {intake_key, jsons} per 1000 alerts")]
    public int NaiveEnvelope()
    {
        var total = 0;
        foreach (var chunk in _alerts.Chunk(1000))
        {
            var body = new { intake_key = "key", jsons = chunk.Select(a => a.ToJsonString()).ToArray() };
            total += JsonSerializer.SerializeToUtf8Bytes(body).Length;
        }
        return total;
    }

    [Benchmark(Description = "pre-encoded alerts, exact-size chunks")]
    public int ChunkedEnvelope()
    {
        var outgoing = _alerts.Select((a, i) => OutgoingAlert.From(a["id"]!.GetValue<string>(), i, a)).ToList();
        var total = 0;
        foreach (var chunk in BatchChunker.Chunk(outgoing, 1000, BatchChunker.EnvelopeBytes(3)))
        {
            total += IntakeClient.Body("key", chunk).Length;
        }
        return total;
    }
}
