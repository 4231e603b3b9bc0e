using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// A Kestrel server bound to 127.0.0.1 (or to the host end of the run's own node network, where pods
/// reach it) on a port the OS picks, handing every request to one delegate; over HTTPS when given a server
/// certificate. Emulators must never be reachable from outside the machine: any other address is refused.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    // In-flight requests (e.g. injected latency) get this long to finish before connections are cut.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly ConnectionCounter _connections;

    private LoopbackServer(WebApplication app, Uri baseAddress, ConnectionCounter connections)
    {
        _app = app;
        BaseAddress = baseAddress;
        _connections = connections;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c> (<c>https://</c> with a certificate).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Connections accepted so far, counted before the TLS handshake: refused handshakes count too.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Returns once at least <paramref name="count"/> connections were accepted; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForConnectionsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        _connections.Signal.WaitAsync(() => ConnectionCount >= count, timeout,
            () => $"expected {count} connections to {BaseAddress}, got {ConnectionCount}", cancellationToken);

    /// <summary>
    /// Starts listening, over HTTPS with <paramref name="certificate"/> when given; the returned server
    /// already accepts connections.
    /// </summary>
    public static async Task<LoopbackServer> StartAsync(
        RequestDelegate handler, IPAddress address, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        if (!IPAddress.IsLoopback(address) && !Node.NodeNetwork.IsRunAddress(address))
        {
            throw new ArgumentException($"{address} is neither loopback nor a local node network's host address", nameof(address));
        }

        var connections = new ConnectionCounter();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, 0, listen =>
            {
                listen.Use(next => connection =>
                {
                    connections.Increment();
                    return next(connection);
                });
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.AddServerHeader = false;
            // Emulators enforce their own documented limits and must see oversize bodies to answer 413.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var listening = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackServer(app, new Uri(listening.TrimEnd('/') + "/"), connections);
    }

    /// <summary>Stops listening, cutting requests still running after a short grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(StopGrace);
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class ConnectionCounter
    {
        private int _count;

        public ChangeSignal Signal { get; } = new();

        public int Count => Volatile.Read(ref _count);

        public void Increment()
        {
            Interlocked.Increment(ref _count);
            Signal.Notify();
        }
    }
}
