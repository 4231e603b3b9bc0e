using k8s;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Generate;
using S1IdentityK8s.Operator.Hosting;
using S1IdentityK8s.Operator.Runtime.Controllers;
using S1IdentityK8s.Operator.Runtime.Health;
using S1IdentityK8s.Operator.Runtime.Leadership;

// Wiring only: `generate crd|rbac` prints manifests; otherwise run the operator with health and metrics.
if (GenerateCommand.Matches(args))
{
    return GenerateCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration;
builder.Logging.ConfigureOperatorLogging(settings);
var kubeconfig = KubernetesClientConfiguration.IsInCluster()
    ? KubernetesClientConfiguration.InClusterConfig()
    : KubernetesClientConfiguration.BuildConfigFromConfigFile(settings["KUBECONFIG"]);
builder.Services.AddSingleton<IKubernetes>(new Kubernetes(kubeconfig));
var defaults = new LeaderElectionOptions();
builder.Services.AddSingleton(new LeaderElectionOptions
{
    Namespace = settings["POD_NAMESPACE"] ?? kubeconfig.Namespace ?? "default",
    Identity = settings["POD_NAME"] ?? Environment.MachineName,
    // controller-runtime's flags and defaults: 15s, 10s, 2s.
    LeaseDuration = OperatorSettings.Duration(settings, "LEADER_ELECTION_LEASE_DURATION", defaults.LeaseDuration),
    RenewDeadline = OperatorSettings.Duration(settings, "LEADER_ELECTION_RENEW_DEADLINE", defaults.RenewDeadline),
    RetryPeriod = OperatorSettings.Duration(settings, "LEADER_ELECTION_RETRY_PERIOD", defaults.RetryPeriod),
});
builder.Services.AddSingleton(new IntakeControllerOptions
{
    CollectorImage = settings["COLLECTOR_IMAGE"] ?? new IntakeControllerOptions().CollectorImage,
    StatusPollInterval = OperatorSettings.Duration(settings, "STATUS_POLL_INTERVAL", new IntakeControllerOptions().StatusPollInterval),
});
// Namespaced RBAC (the chart's rbac.scope=namespaced) passes the namespaces to watch; none watches all.
builder.Services.AddSingleton(new ControllerOptions
{
    Namespaces = (settings["WATCH_NAMESPACES"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OperatorHealth>();
builder.Services.AddHostedService<OperatorService>();
builder.Services.AddHealthChecks()
    .Add(new HealthCheckRegistration("leaseAndSync", services => new HealthReasonCheck(services.GetRequiredService<OperatorHealth>().NotReadyReason),
        failureStatus: null, tags: [HealthReasonCheck.ReadyTag]))
    .Add(new HealthCheckRegistration("loops", services => new HealthReasonCheck(services.GetRequiredService<OperatorHealth>().NotLiveReason),
        failureStatus: null, tags: [HealthReasonCheck.LiveTag]));
var app = builder.Build();
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthReasonCheck.LiveTag), ResponseWriter = HealthResponse.WriteAsync });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthReasonCheck.ReadyTag), ResponseWriter = HealthResponse.WriteAsync });
app.MapMetrics("/metrics");
await app.RunAsync();
return Environment.ExitCode;
