using System.Diagnostics;
using System.Net;

namespace S1IdentityK8s.Collector.Observability;

/// <summary>
/// Counts every HTTP attempt (each retry included) by target and outcome, and times it. Sits innermost in
/// the client pipeline so it sees what went on the wire, not what the retry policy made of it.
/// </summary>
public sealed class RequestOutcomeHandler(string target, CollectorMetrics metrics) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.Requests.WithLabels(target, Outcome(response.StatusCode)).Inc();
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Requests.WithLabels(target, "timeout").Inc();
            throw;
        }
        catch (HttpRequestException)
        {
            metrics.Requests.WithLabels(target, "network").Inc();
            throw;
        }
        finally
        {
            metrics.RequestDuration.WithLabels(target).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The outcome label of a status code.</summary>
    public static string Outcome(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => "ok",
        401 or 403 => "credentials",
        429 => "throttled",
        503 => "unavailable",
        >= 500 => "server_error",
        _ => "client_error",
    };
}
