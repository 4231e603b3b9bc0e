using k8s;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Controllers;
using S1IdentityK8s.Operator.Runtime.Health;
using S1IdentityK8s.Operator.Runtime.Leadership;

namespace S1IdentityK8s.Operator.Hosting;

/// <summary>
/// The operator process's main loop: elect a leader, then run the intake controller; a lost election
/// or a failed controller stops the application with exit code 1 so that Kubernetes restarts the pod as
/// a follower. A graceful stop releases the Lease.
/// </summary>
public sealed class OperatorService(
    IKubernetes client, LeaderElectionOptions election, IntakeControllerOptions options, ControllerOptions controllerOptions,
    OperatorHealth health, IHostApplicationLifetime lifetime, ILogger<OperatorService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            logger.LogInformation("standing by as {Identity} for the Lease {Namespace}/{Lease}", election.Identity, election.Namespace, election.LeaseName);
            await LeaderElectedRun.RunAsync(client, election, async token =>
            {
                logger.LogInformation("leading as {Identity}: reconciling intakes", election.Identity);
                var grpcProbes = ProbeSupport.GrpcProbes(await client.Version.GetCodeAsync(token));
                logger.LogInformation("collector probes: {Probe}", options.GrpcProbes && grpcProbes ? "gRPC" : "TCP");
                var intakeOptions = new IntakeControllerOptions
                {
                    CollectorImage = options.CollectorImage,
                    StalledRetry = options.StalledRetry,
                    StatusPollInterval = options.StatusPollInterval,
                    CollectorAddress = options.CollectorAddress,
                    GrpcProbes = options.GrpcProbes && grpcProbes,
                };
                var runner = IntakeController.Create(client, intakeOptions, controllerOptions, logger);
                health.Track(runner.Health);
                await runner.RunAsync(token);
            }, stoppingToken, health);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("stopped as {Identity}", election.Identity);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            health.Faulted(e);
            logger.LogCritical(e, "leadership lost or controller failed: exiting");
            // The console logger writes from a queue that a stopping host drains for 1.5 s at most: on a busy
            // node the reason could be lost. Say it on stderr too, synchronously, before exiting non-zero.
            await Console.Error.WriteLineAsync($"fatal: leadership lost or controller failed: {e.GetType().Name}: {e.Message}");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
