using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The shared state of one <see cref="DeliveryPipeline"/> run: the queues between its stages, the credits
/// that bound what is in flight, and how it stops. Credits are the only thing that travels backwards: a
/// page slot or chunk slot is handed back once the caller has committed the step that used it.
/// </summary>
public sealed class PipelineRun : IDisposable
{
    private readonly CancellationTokenSource _pushing;
    private readonly CancellationTokenSource _fetching;
    private readonly Lock _gate = new();
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts a run that the caller's <paramref name="cancellationToken"/> abandons.</summary>
    public PipelineRun(int pagesInFlight, int chunksInFlight, CancellationToken cancellationToken)
    {
        _pushing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _fetching = CancellationTokenSource.CreateLinkedTokenSource(_pushing.Token);
        PageSlots = new SemaphoreSlim(pagesInFlight, pagesInFlight);
        ChunkSlots = new SemaphoreSlim(chunksInFlight, chunksInFlight);
    }

    /// <summary>Cancels listing, detail requests and the start of new pushes: on the first failure, or when abandoned.</summary>
    public CancellationToken Fetching => _fetching.Token;

    /// <summary>Cancels pushes already under way: only when the run is abandoned.</summary>
    public CancellationToken Pushing => _pushing.Token;

    /// <summary>One per page listed and not yet completed by the caller.</summary>
    public SemaphoreSlim PageSlots { get; }

    /// <summary>One per chunk pushed and not yet committed by the caller.</summary>
    public SemaphoreSlim ChunkSlots { get; }

    /// <summary>Versions planned and not yet committed.</summary>
    public InFlightKeys Keys { get; } = new();

    /// <summary>Planned pages, from the feed to the sender, in page order.</summary>
    public Channel<PendingPage> Pages { get; } = Channel.CreateUnbounded<PendingPage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Steps in the making, from the sender to the caller, in page order.</summary>
    public Channel<Task<DeliveryStep>> Steps { get; } = Channel.CreateUnbounded<Task<DeliveryStep>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Records the first failure and stops new work; pushes under way finish and reach the caller.</summary>
    public void Fail(Exception exception)
    {
        lock (_gate)
        {
            _failure ??= ExceptionDispatchInfo.Capture(exception);
        }
        _fetching.Cancel();
    }

    /// <summary>Rethrows the first failure, as it was thrown.</summary>
    public void ThrowIfFailed()
    {
        lock (_gate)
        {
            _failure?.Throw();
        }
    }

    /// <summary>Hands back the credit <paramref name="step"/> held, now that the caller has committed it.</summary>
    public void Committed(DeliveryStep step)
    {
        switch (step)
        {
            case ChunkSettled chunk:
                Keys.Remove(chunk.Keys);
                ChunkSlots.Release();
                break;
            case PageCompleted:
                PageSlots.Release();
                break;
        }
    }

    /// <summary>Cancels everything, then waits for every task the run started, so none outlives it.</summary>
    public async Task AbandonAsync(params Task[] stages)
    {
        await _pushing.CancelAsync().ConfigureAwait(false);
        await ObserveAsync(stages).ConfigureAwait(false);
        while (Steps.Reader.TryRead(out var step))
        {
            await ObserveAsync(step).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for every task of a page the sender will not send.</summary>
    public static Task ObserveAsync(PendingPage page) => ObserveAsync([.. page.Batches]);

    /// <inheritdoc />
    public void Dispose()
    {
        _fetching.Dispose();
        _pushing.Dispose();
        PageSlots.Dispose();
        ChunkSlots.Dispose();
    }

    private static async Task ObserveAsync(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already recorded by Fail, or caused by abandoning the run.
        }
    }
}
