using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;

namespace S1IdentityK8s.Monitoring.Tests.ArgoCd;

/// <summary>
/// Every version of one intake as the apiserver sends it on a watch from its creation: states the
/// operator passes through quickly (Progressing before Ready) are caught for sure, not by polling luck.
/// </summary>
internal sealed class IntakeHistory : IAsyncDisposable
{
    private readonly List<JsonObject> _versions = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private Exception? _failure;

    private IntakeHistory(IKubernetes client, string ns, string name, string resourceVersion) =>
        _watch = WatchAsync(client, ns, name, resourceVersion);

    /// <summary>
    /// Watches intake <paramref name="name"/> in <paramref name="ns"/> from <paramref name="resourceVersion"/>
    /// (its creation's): every later write shows up as a version of its own.
    /// </summary>
    public static IntakeHistory Since(IKubernetes client, string ns, string name, string resourceVersion) =>
        new(client, ns, name, resourceVersion);

    /// <summary>The first version (seen or coming) matching <paramref name="match"/>.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan timeout, string description)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Taken before looking, so a version added meanwhile completes it.
            var changed = Volatile.Read(ref _changed).Task;
            if (Snapshot().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (_failure is not null)
            {
                throw new InvalidOperationException($"the watch failed while waiting for {description}", _failure);
            }

            try
            {
                await changed.WaitAsync(timeout - clock.Elapsed > TimeSpan.Zero ? timeout - clock.Elapsed : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{description} not seen within {timeout.TotalSeconds} s; versions seen:\n"
                    + string.Join("\n", Snapshot().Select(v => v["status"]?.ToJsonString() ?? "(no status)")));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }

    private List<JsonObject> Snapshot()
    {
        lock (_versions)
        {
            return [.. _versions];
        }
    }

    private void Notify() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task WatchAsync(IKubernetes client, string ns, string name, string resourceVersion)
    {
        try
        {
            var response = client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
                "s1identity.dev", "v1alpha1", ns, "sentineloneidentityintakes", fieldSelector: $"metadata.name={name}",
                resourceVersion: resourceVersion, watch: true, cancellationToken: _stop.Token);
            // Marked obsolete in favour of per-kind WatchList* methods, which custom objects have only untyped.
#pragma warning disable CS0618
            await foreach (var (_, intake) in response.WatchAsync<JsonObject, JsonObject>(e => _failure ??= e, _stop.Token))
#pragma warning restore CS0618
            {
                lock (_versions)
                {
                    _versions.Add(intake);
                }

                Notify();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception e) when (e is HttpRequestException or IOException or k8s.Autorest.HttpOperationException)
        {
            _failure = e;
            Notify();
        }
    }
}
