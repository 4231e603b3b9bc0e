using System.IO.Compression;
using System.Text;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// Sits innermost in the collector's Sekoia HTTP pipeline: holds the push carrying alert
/// <c>heldAlertId</c> before it is sent until <see cref="Signals.Release"/>, and reports every other push once the
/// intake has answered it.
/// </summary>
public sealed class HeldPushHandler(string heldAlertId, HeldPushHandler.Signals signals) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await BodyAsync(request, cancellationToken);
        if (body.Contains(heldAlertId, StringComparison.Ordinal))
        {
            signals.Held.TrySetResult();
            await signals.Release.Task.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        signals.Answered(body, response.IsSuccessStatusCode);
        return response;
    }

    private static async Task<string> BodyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wire = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        await using var gzip = new GZipStream(new MemoryStream(wire), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>What the test awaits and controls, shared by every handler instance the factory builds.</summary>
    public sealed class Signals
    {
        private readonly Lock _gate = new();
        private readonly List<(string Body, TaskCompletionSource Seen)> _awaited = [];

        /// <summary>Completes when the held push reached the handler.</summary>
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Complete it to send the held push.</summary>
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once a push carrying <paramref name="alertId"/> was acknowledged by the intake.</summary>
        public Task AcknowledgedAsync(string alertId)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _awaited.Add((alertId, seen));
            }
            return seen.Task;
        }

        internal void Answered(string body, bool acknowledged)
        {
            if (!acknowledged)
            {
                return;
            }
            lock (_gate)
            {
                foreach (var (id, seen) in _awaited.Where(a => body.Contains(a.Body, StringComparison.Ordinal)))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
