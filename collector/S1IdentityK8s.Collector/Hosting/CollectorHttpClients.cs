using Microsoft.Extensions.Http.Resilience;
using Polly;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.Collector.Tls;

namespace S1IdentityK8s.Collector.Hosting;

/// <summary>
/// The two HTTP pipelines. Outer to inner: for Sekoia a retry (Microsoft.Extensions.Http.Resilience,
/// a quick first re-send, then exponential with jitter, honouring Retry-After), then the per-attempt timeout, then for SentinelOne the
/// shared request budget and for Sekoia the shared <see cref="IntakeHoldOff"/> (both make a Retry-After hold
/// every concurrent request, not only the one answered), then the per-attempt outcome counter. SentinelOne
/// is retried above HTTP, by <see cref="UamRetryPolicy"/> in <see cref="UamClient"/>, because its transient
/// failures include GraphQL errors at HTTP 200 and bodies cut short, which this pipeline cannot see; after
/// its bounded attempts the cycle fails and is retried with the checkpoint intact. Sekoia is retried
/// without end, because a page is not committed until the intake took it and nothing may be dropped. Both trust server certificates through
/// the registered <see cref="ServerCertificateTrust"/> (system store plus <c>tls.caFile</c>); a refused
/// certificate is a network failure like any other (retried, reported, never fatal).
/// </summary>
public static class CollectorHttpClients
{
    /// <summary>Name of the SentinelOne client.</summary>
    public const string SentinelOne = "sentinelone";

    /// <summary>Name of the Sekoia client.</summary>
    public const string Sekoia = "sekoia";

    /// <summary>
    /// Registers both named clients; a <see cref="ServerCertificateTrust"/>, a <see cref="RequestBudget"/>
    /// and an <see cref="IntakeHoldOff"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddCollectorHttpClients(
        this IServiceCollection services, TimeSpan sentinelOneTimeout, TimeSpan sekoiaTimeout, IntakeRetryOptions intakeRetry)
    {
        // Handlers run in registration order, outermost first: retry, then the per-attempt handlers.
        var sentinelOne = services.AddHttpClient(SentinelOne, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.MaxResponseContentBufferSize = UamClient.MaxAnswerBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => Primary(sp.GetRequiredService<ServerCertificateTrust>()));
        sentinelOne.AddResilienceHandler("sentinelone-timeout", b => b.AddTimeout(sentinelOneTimeout));
        sentinelOne.AddHttpMessageHandler(sp => new RequestBudgetHandler(sp.GetRequiredService<RequestBudget>(), sp.GetRequiredService<TimeProvider>()));
        sentinelOne.AddHttpMessageHandler(sp => new RequestOutcomeHandler(SentinelOne, sp.GetRequiredService<CollectorMetrics>()));

        var sekoia = services.AddHttpClient(Sekoia, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => Primary(sp.GetRequiredService<ServerCertificateTrust>()));
        sekoia.AddResilienceHandler("sekoia-retry", (b, context) =>
            {
                var health = context.ServiceProvider.GetRequiredKeyedService<SubsystemHealth>(Sekoia);
                var metrics = context.ServiceProvider.GetRequiredService<CollectorMetrics>();
                var delay = new IntakeRetryDelay(intakeRetry, context.ServiceProvider.GetRequiredService<TimeProvider>());
                b.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = intakeRetry.InitialDelay,
                    MaxDelay = intakeRetry.MaxDelay,
                    // Replaces ShouldRetryAfterHeader's generator; IntakeRetryDelay honours Retry-After itself.
                    DelayGenerator = delay.GenerateAsync,
                    OnRetry = args =>
                    {
                        var network = args.Outcome.Exception as HttpRequestException;
                        var why = args.Outcome.Result is { } r
                            ? $"HTTP {(int)r.StatusCode}"
                            : network is not null ? $"network error ({NetworkErrorText.Describe(network)})" : "timeout";
                        // A refused certificate is retried too (the CA may be fixed), but it is no passing weather.
                        var state = network is not null && NetworkErrorText.CertificateRejection(network) is not null
                            ? SubsystemState.Failing
                            : SubsystemState.Degraded;
                        metrics.RequestRetries.WithLabels(Sekoia, args.Outcome.Result is { } answered
                            ? (int)answered.StatusCode == 429 ? "throttled" : "unavailable"
                            : network is not null ? "transport" : "timeout").Inc();
                        health.RecordFailure(state,
                            $"Sekoia intake {why}; retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalSeconds:0.#}s");
                        return default;
                    },
                });
                b.AddTimeout(sekoiaTimeout);
            });
        sekoia.AddHttpMessageHandler(sp => new IntakeHoldOffHandler(sp.GetRequiredService<IntakeHoldOff>(), sp.GetRequiredService<TimeProvider>()));
        sekoia.AddHttpMessageHandler(sp => new RequestOutcomeHandler(Sekoia, sp.GetRequiredService<CollectorMetrics>()));
        return services;
    }

    private static SocketsHttpHandler Primary(ServerCertificateTrust trust) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
    };
}
