using Grpc.Core;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Protos.Collector.V1;
using ProtoBackfill = S1IdentityK8s.Protos.Collector.V1.Backfill;
using ProtoPhase = S1IdentityK8s.Protos.Collector.V1.BackfillPhase;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// The backfill RPCs over <see cref="BackfillRegistry"/>: request validation, the name as idempotency key,
/// and the mapping of outcomes to status codes (INVALID_ARGUMENT naming the field, ALREADY_EXISTS, NOT_FOUND).
/// </summary>
public sealed class BackfillApi(BackfillRegistry registry, CollectorOptions options, TimeProvider time)
{
    /// <summary>
    /// Starts a backfill, or returns the existing one with the same name and window. A known name is
    /// answered before the window is validated again, so retrying an accepted request always succeeds.
    /// </summary>
    public async Task<ProtoBackfill> StartAsync(StartBackfillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BackfillValidator.NameError(request.Name) is { } nameError)
        {
            throw ApiErrors.InvalidArgument(nameError);
        }
        var from = ProtoTime.ReadMs(request.From, "from");
        var to = ProtoTime.ReadMs(request.To, "to");
        if (registry.Get(request.Name) is null
            && BackfillValidator.Validate(request.Name, from, to, time.GetUtcNow(), options.BackfillMaxSpan) is { } error)
        {
            throw ApiErrors.InvalidArgument(error);
        }
        if (from is null || to is null)
        {
            throw ApiErrors.InvalidArgument(from is null ? "from: required" : "to: required");
        }
        var spec = new BackfillSpec(request.Name, from.Value, to.Value, request.DryRun, BackfillSpec.ApiSource);
        var result = await registry.StartAsync(spec, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == BackfillStartOutcome.Conflict)
        {
            var existing = result.Record;
            throw ApiErrors.AlreadyExists(
                $"backfill \"{existing.Name}\" already exists with window [{Rfc3339(existing.FromMs)}, {Rfc3339(existing.ToMs)})"
                + $"{(existing.DryRun ? " as a dry run" : "")} (phase {existing.Phase}); a name is an idempotency key: choose another name");
        }
        return BackfillMessages.ToProto(result.Record);
    }

    /// <summary>One backfill; NOT_FOUND when unknown.</summary>
    public ProtoBackfill Get(string name) => BackfillMessages.ToProto(Find(name));

    /// <summary>Every backfill, newest first, only those in <paramref name="phases"/> when any are given.</summary>
    public ListBackfillsResponse List(IReadOnlyCollection<ProtoPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var response = new ListBackfillsResponse();
        response.Backfills.AddRange(registry.List()
            .Select(BackfillMessages.ToProto)
            .Where(b => phases.Count == 0 || phases.Contains(b.Phase)));
        return response;
    }

    /// <summary>Cancels a pending backfill, or asks the running one to stop after its in-flight page; final ones come back unchanged.</summary>
    public async Task<ProtoBackfill> CancelAsync(string name, CancellationToken cancellationToken) =>
        BackfillMessages.ToProto(await registry.CancelAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name));

    /// <summary>Streams the backfill at once and after each change, ending after the message with a final phase.</summary>
    public async Task WatchAsync(string name, IServerStreamWriter<ProtoBackfill> writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Find(name);
        var feed = new ChangeFeed();
        void OnChange(BackfillRecord record)
        {
            if (record.Name == name)
            {
                feed.Notify();
            }
        }
        registry.Changed += OnChange;
        try
        {
            while (true)
            {
                var next = feed.Next;
                var current = Find(name);
                await writer.WriteAsync(BackfillMessages.ToProto(current), cancellationToken).ConfigureAwait(false);
                if (current.IsFinal)
                {
                    return;
                }
                await next.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the server is stopping: the stream simply ends.
        }
        finally
        {
            registry.Changed -= OnChange;
        }
    }

    private BackfillRecord Find(string name) => registry.Get(name) ?? throw NotFound(name);

    private static RpcException NotFound(string name) => ApiErrors.NotFound($"backfill \"{name}\" not found");

    private static string Rfc3339(long ms) => BackfillValidator.Rfc3339(DateTimeOffset.FromUnixTimeMilliseconds(ms));
}
