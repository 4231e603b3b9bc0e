using System.Net;
using k8s.Autorest;
using k8s.LeaderElection;

namespace S1IdentityK8s.Operator.Runtime.Leadership;

/// <summary>
/// The election's lock, reporting to an <see cref="IElectionObserver"/> whether each attempt reached the
/// apiserver. Every attempt starts with a read of the Lease, so reads are what is observed.
/// </summary>
/// <param name="inner">The real lock.</param>
/// <param name="health">Receives the outcome of each read.</param>
internal sealed class ObservedLeaseLock(ILock inner, IElectionObserver health) : ILock
{
    /// <inheritdoc />
    public string Identity => inner.Identity;

    /// <inheritdoc />
    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var record = await inner.GetAsync(cancellationToken);
            health.ApiAnswered();
            return record;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // No Lease yet: the apiserver answered, and the elector creates it next.
            health.ApiAnswered();
            throw;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            health.AttemptFailed();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(record, cancellationToken);

    /// <inheritdoc />
    public string Describe() => inner.Describe();
}
