using System.Net;
using Polly.Retry;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Http;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// The wait before a push is sent again, where it differs from the retry pipeline's exponential backoff.
/// A <c>Retry-After</c> the intake sent wins, whatever the status. Otherwise the first re-send comes quickly,
/// within ¼ <c>initialDelay</c>: a lone failed push is the common fault, and while it waits its page holds
/// every later page's commit. After that the wait doubles from <c>initialDelay</c> (the n-th re-send after
/// <c>initialDelay</c> × 2^(n−2), capped at <c>maxDelay</c>, jittered down by up to half). A first 429 gets the
/// retry pipeline's own exponential backoff.
/// </summary>
public sealed class IntakeRetryDelay(IntakeRetryOptions options, TimeProvider time, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>The wait after the failed attempt <paramref name="attemptNumber"/> (0-based), or null for the pipeline's backoff.</summary>
    public TimeSpan? After(int attemptNumber, HttpResponseMessage? answer)
    {
        if (answer is not null && RequestBudgetHandler.RetryAfter(answer.Headers.RetryAfter, time.GetUtcNow()) is { } server)
        {
            return server;
        }
        if (attemptNumber == 0)
        {
            return answer?.StatusCode == HttpStatusCode.TooManyRequests ? null : RetryBackoff.Quick(options.InitialDelay, _random());
        }
        return RetryBackoff.Doubling(options.InitialDelay, options.MaxDelay, attemptNumber - 1, _random());
    }

    /// <summary>The generator for <see cref="RetryStrategyOptions{TResult}.DelayGenerator"/>.</summary>
    public ValueTask<TimeSpan?> GenerateAsync(RetryDelayGeneratorArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(After(args.AttemptNumber, args.Outcome.Result));
}
