using k8s;
using Prometheus;
using S1IdentityK8s.Operator.Controllers;
using S1IdentityK8s.Operator.Generate;
using S1IdentityK8s.Operator.Runtime;

// Wiring only: `generate crd|rbac` prints manifests; otherwise run the operator with health and metrics.
if (GenerateCommand.Matches(args))
{
    return GenerateCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var kubeconfig = KubernetesClientConfiguration.IsInCluster()
    ? KubernetesClientConfiguration.InClusterConfig()
    : KubernetesClientConfiguration.BuildConfigFromConfigFile(builder.Configuration["KUBECONFIG"]);
builder.Services.AddSingleton<IKubernetes>(new Kubernetes(kubeconfig));
builder.Services.AddSingleton(new LeaderElectionOptions
{
    Namespace = builder.Configuration["POD_NAMESPACE"] ?? kubeconfig.Namespace ?? "default",
    Identity = builder.Configuration["POD_NAME"] ?? Environment.MachineName,
});
builder.Services.AddSingleton(new IntakeControllerOptions
{
    CollectorImage = builder.Configuration["COLLECTOR_IMAGE"] ?? new IntakeControllerOptions().CollectorImage,
    StatusPollInterval = OperatorSettings.Duration(builder.Configuration, "STATUS_POLL_INTERVAL", new IntakeControllerOptions().StatusPollInterval),
});
// Namespaced RBAC (the chart's rbac.scope=namespaced) passes the namespaces to watch; none watches all.
builder.Services.AddSingleton(new ControllerOptions
{
    Namespaces = (builder.Configuration["WATCH_NAMESPACES"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
});
builder.Services.AddHostedService<OperatorService>();
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapHealthChecks("/readyz");
app.MapMetrics("/metrics");
await app.RunAsync();
return Environment.ExitCode;
