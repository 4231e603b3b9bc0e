using System.Diagnostics;
using System.Net;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// The collector's requests to both APIs on one clock, as <see cref="RoundTripProbe"/> instances see them
/// innermost, right before the socket: what it had in flight at once, and when. It can also answer one
/// detail request itself with a 429 and <c>Retry-After</c>, as UAM would.
/// </summary>
public sealed class RoundTripLog
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<RoundTrip> _trips = [];
    private readonly Dictionary<RoundTripKind, (int Now, int Max)> _inFlight = [];

    /// <summary>The detail request (1-based, counting detail requests only) to answer 429 instead of sending.</summary>
    public int? ThrottleDetail { get; init; }

    /// <summary>Completes once a detail request is sent after the throttled one: its 429 waits for that, so it comes while another is out.</summary>
    public TaskCompletionSource Company { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The Retry-After of that 429.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Called with a push's alert ids right before it is sent (under the log's lock, in sending order).</summary>
    public Action<IReadOnlyList<string>>? Sending { get; init; }

    /// <summary>Every request so far, in sending order.</summary>
    public IReadOnlyList<RoundTrip> Trips
    {
        get
        {
            lock (_gate)
            {
                return [.. _trips];
            }
        }
    }

    /// <summary>The most requests of <paramref name="kind"/> in flight at once so far.</summary>
    public int MaxInFlight(RoundTripKind kind)
    {
        lock (_gate)
        {
            return _inFlight.GetValueOrDefault(kind).Max;
        }
    }

    internal (int Number, HttpResponseMessage? Fabricated) Sent(RoundTripKind kind, IReadOnlyList<string> alertIds, HttpRequestMessage request)
    {
        lock (_gate)
        {
            var number = _trips.Count + 1;
            _trips.Add(new RoundTrip(number, kind, _clock.Elapsed, null, 0, alertIds));
            var (now, max) = _inFlight.GetValueOrDefault(kind);
            _inFlight[kind] = (now + 1, Math.Max(max, now + 1));
            if (kind == RoundTripKind.Push)
            {
                Sending?.Invoke(alertIds);
            }
            var details = _trips.Count(t => t.Kind == RoundTripKind.Detail);
            if (kind == RoundTripKind.Detail && details > ThrottleDetail)
            {
                Company.TrySetResult();
            }
            if (kind == RoundTripKind.Detail && details == ThrottleDetail)
            {
                var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
                throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(RetryAfter);
                return (number, throttled);
            }
            return (number, null);
        }
    }

    internal void Answered(int number, int statusCode)
    {
        lock (_gate)
        {
            var trip = _trips[number - 1];
            _trips[number - 1] = trip with { AnsweredAt = _clock.Elapsed, StatusCode = statusCode };
            var (now, max) = _inFlight[trip.Kind];
            _inFlight[trip.Kind] = (now - 1, max);
        }
    }
}
