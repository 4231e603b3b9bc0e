using System.Net;
using System.Net.Http.Headers;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Spends one token of the shared <see cref="RequestBudget"/> per attempt, and closes the budget's gate for
/// everyone when SentinelOne answers 429/503 with <c>Retry-After</c>.
/// </summary>
public sealed class RequestBudgetHandler(RequestBudget budget, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()) is { } delay)
        {
            budget.HoldOff(delay);
        }
        return response;
    }

    /// <summary>The delay a Retry-After header asks for (delta-seconds or HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
