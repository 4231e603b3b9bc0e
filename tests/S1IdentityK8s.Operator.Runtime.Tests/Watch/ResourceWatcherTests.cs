using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Runtime.Tests.Watch;

public sealed class ResourceWatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_WatchGone_RelistsAndReportsObjectsDeletedMeanwhile()
    {
        var source = new ScriptedSource(
            lists: [[Map("a", "1")], [Map("b", "3")]],
            watches: [Gone(), Forever()]);
        var events = Channel.CreateUnbounded<(WatchEventType, string)>();
        using var stop = new CancellationTokenSource();
        var watcher = new ResourceWatcher<V1ConfigMap>(source, NullLogger.Instance);

        var run = watcher.RunAsync((type, item) => events.Writer.TryWrite((type, item.Metadata.Name)), stop.Token);
        var seen = new List<(WatchEventType, string)>();
        while (seen.Count < 3)
        {
            seen.Add(await events.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
        }

        await source.WatchStarted(2).WaitAsync(Timeout);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));

        Assert.Equal([(WatchEventType.Added, "a"), (WatchEventType.Deleted, "a"), (WatchEventType.Added, "b")], seen);
        Assert.Equal(["1", "3"], source.WatchedFrom);
    }

    [Fact]
    public async Task RunAsync_WatchFails_ReconnectsFromLastResourceVersion()
    {
        var source = new ScriptedSource(
            lists: [[]],
            watches: [Events(Map("a", "5")), Failing(), Forever()]);
        using var stop = new CancellationTokenSource();
        var watcher = new ResourceWatcher<V1ConfigMap>(source, NullLogger.Instance) { BaseBackoff = TimeSpan.FromMilliseconds(1) };
        var third = source.WatchStarted(3);

        var run = watcher.RunAsync((_, _) => { }, stop.Token);
        await third.WaitAsync(Timeout);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));

        Assert.Equal(["0", "5", "5"], source.WatchedFrom);
    }

    private static V1ConfigMap Map(string name, string version) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = version } };

    private static Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> Gone() =>
        (onError, _) => ErrorThenEnd(onError, new KubernetesException(new V1Status { Code = 410, Reason = "Expired" }));

    private static Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> Failing() =>
        (onError, _) => ErrorThenEnd(onError, new HttpRequestException("connection reset"));

    private static Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> Events(params V1ConfigMap[] maps) =>
        (_, _) => maps.Select(m => (WatchEventType.Added, m)).ToAsyncEnumerable();

    private static Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> Forever() =>
        (_, token) => Never(token);

#pragma warning disable CS1998 // async iterators without awaits: they only yield or report.
    private static async IAsyncEnumerable<(WatchEventType, V1ConfigMap)> ErrorThenEnd(Action<Exception> onError, Exception error)
    {
        onError(error);
        yield break;
    }
#pragma warning restore CS1998

    private static async IAsyncEnumerable<(WatchEventType, V1ConfigMap)> Never([EnumeratorCancellation] CancellationToken token)
    {
        await Task.Delay(System.Threading.Timeout.Infinite, token);
        yield break;
    }

    private sealed class ScriptedSource(
        List<List<V1ConfigMap>> lists,
        List<Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>>> watches)
        : IResourceSource<V1ConfigMap>
    {
        private readonly List<TaskCompletionSource> _started = [.. Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource())];
        private int _lists;

        public List<string> WatchedFrom { get; } = [];

        public Task WatchStarted(int count) => _started[count - 1].Task;

        public Task<(IList<V1ConfigMap> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
        {
            var items = lists[Math.Min(_lists, lists.Count - 1)];
            _lists++;
            var version = items.Count == 0 ? "0" : items.Max(i => i.Metadata.ResourceVersion)!;
            return Task.FromResult<(IList<V1ConfigMap>, string)>((items, version));
        }

        public IAsyncEnumerable<(WatchEventType Type, V1ConfigMap Object)> WatchAsync(
            string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken)
        {
            WatchedFrom.Add(resourceVersion);
            _started[WatchedFrom.Count - 1].TrySetResult();
            return watches[Math.Min(WatchedFrom.Count - 1, watches.Count - 1)](onError, cancellationToken);
        }
    }
}
