using System.Net;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Per attempt: waits for the shared <see cref="IntakeHoldOff"/>, and closes it for every push when the
/// intake answers 429/503 with <c>Retry-After</c>.
/// </summary>
public sealed class IntakeHoldOffHandler(IntakeHoldOff holdOff, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await holdOff.WaitAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RequestBudgetHandler.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()) is { } delay)
        {
            holdOff.HoldOff(delay);
        }
        return response;
    }
}
