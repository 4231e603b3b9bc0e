using k8s;
using S1IdentityK8s.Operator.Runtime;

namespace S1IdentityK8s.Operator.Controllers;

/// <summary>
/// The operator process's main loop: elect a leader, then run the intake controller; a lost election
/// stops the application with exit code 1 so that Kubernetes restarts the pod as a follower.
/// </summary>
public sealed class OperatorService(
    IKubernetes client, LeaderElectionOptions election, IntakeControllerOptions options, ControllerOptions controllerOptions,
    IHostApplicationLifetime lifetime, ILogger<OperatorService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LeaderElectedRun.RunAsync(client, election, async token =>
            {
                logger.LogInformation("leading as {Identity}: reconciling intakes", election.Identity);
                var probes = await ProbeSupportAsync(token);
                var intakeOptions = new IntakeControllerOptions
                {
                    CollectorImage = options.CollectorImage,
                    StalledRetry = options.StalledRetry,
                    StatusPollInterval = options.StatusPollInterval,
                    CollectorAddress = options.CollectorAddress,
                    GrpcProbes = options.GrpcProbes && probes,
                };
                await IntakeController.Create(client, intakeOptions, controllerOptions, logger).RunAsync(token);
            }, stoppingToken);
        }
        catch (InvalidOperationException e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical(e, "leadership lost: exiting");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    // gRPC probes exist from Kubernetes 1.24; an older server would drop them and reject the probe.
    private async Task<bool> ProbeSupportAsync(CancellationToken token)
    {
        var version = await client.Version.GetCodeAsync(token);
        var minor = int.Parse(new string([.. version.Minor.TakeWhile(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture);
        return version.Major != "1" || minor >= 24;
    }
}
