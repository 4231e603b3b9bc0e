using System.Diagnostics;
using System.Net;
using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Tests.Sekoia;

/// <summary>Pushes run concurrently (live and backfills, several chunks): one Retry-After holds them all.</summary>
public class IntakeHoldOffHandlerTests
{
    [Fact]
    public async Task Send_429WithRetryAfter1_EveryConcurrentPushWaitsItOut()
    {
        var intake = new ScriptedIntake();
        using var client = new HttpMessageInvoker(new IntakeHoldOffHandler(new IntakeHoldOff(TimeProvider.System), TimeProvider.System) { InnerHandler = intake });

        using (var throttled = await client.SendAsync(Push(), CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        }
        var answeredAt = intake.Clock.Elapsed;
        var pushes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.SendAsync(Push(), CancellationToken.None)));

        Assert.All(pushes, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal(4, intake.Arrivals.Count);
        Assert.All(intake.Arrivals.Skip(1), a => Assert.True(a - answeredAt >= TimeSpan.FromSeconds(0.95), $"a push arrived {(a - answeredAt).TotalSeconds:0.###}s after Retry-After: 1"));
        foreach (var p in pushes)
        {
            p.Dispose();
        }
    }

    private static HttpRequestMessage Push() => new(HttpMethod.Post, "http://127.0.0.1:9/batch");

    // Answers the first push 429 with Retry-After: 1, the others 200; notes when each arrived.
    private sealed class ScriptedIntake : HttpMessageHandler
    {
        private readonly Lock _gate = new();

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public List<TimeSpan> Arrivals { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Arrivals.Add(Clock.Elapsed);
                var response = new HttpResponseMessage(Arrivals.Count == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK) { RequestMessage = request };
                if (Arrivals.Count == 1)
                {
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                }
                return Task.FromResult(response);
            }
        }
    }
}
