using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Collectors;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>What one collector reported in one reconcile: its status and the backfills it knows.</summary>
/// <param name="Status">Its GetStatus answer.</param>
/// <param name="Backfills">Its ListBackfills answer, after forwarding the declared ones it lacked.</param>
public readonly record struct CollectorReport(CollectorStatus Status, IReadOnlyList<Backfill> Backfills)
{
    /// <summary>
    /// Reads the collector of <paramref name="intake"/> at its running pod among <paramref name="pods"/> and
    /// starts the declared backfills it does not know (the name is the idempotency key); null when it does
    /// not answer (not running yet, or restarting).
    /// </summary>
    public static async Task<CollectorReport?> ReadAndStartBackfillsAsync(
        IEnumerable<V1Pod> pods, CollectorClient collectors, IntakeControllerOptions options, V1Alpha1SentinelOneIdentityIntake intake,
        string adminToken, CancellationToken cancellationToken)
    {
        var address = options.CollectorAddress?.Invoke(intake) ?? CollectorPods.Address(pods);
        if (address is null)
        {
            return null;
        }

        try
        {
            var (status, backfills) = await collectors.ReadAsync(address, adminToken, cancellationToken);
            var missing = (intake.Spec.Backfills ?? []).Where(d => backfills.All(k => k.Name != d.Name)).ToList();
            foreach (var backfill in missing)
            {
                await collectors.StartBackfillAsync(address, adminToken, new StartBackfillRequest
                {
                    Name = backfill.Name,
                    From = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(backfill.From, CultureInfo.InvariantCulture)),
                    To = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(backfill.To, CultureInfo.InvariantCulture)),
                }, cancellationToken);
            }

            return missing.Count == 0
                ? new CollectorReport(status, backfills)
                : new CollectorReport(status, (await collectors.ReadAsync(address, adminToken, cancellationToken)).Backfills);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return null;
        }
    }
}
