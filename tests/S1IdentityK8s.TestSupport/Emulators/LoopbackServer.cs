using System.Net;
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
/// reach it) on a port the OS picks, handing every request to one delegate. Emulators must never be
/// reachable from outside the machine: any other address is refused.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    // In-flight requests (e.g. injected latency) get this long to finish before connections are cut.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts listening; the returned server already accepts connections.</summary>
    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler, IPAddress address, CancellationToken cancellationToken)
    {
        if (!IPAddress.IsLoopback(address) && !Node.NodeNetwork.IsRunAddress(address))
        {
            throw new ArgumentException($"{address} is neither loopback nor a local node network's host address", nameof(address));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, 0);
            kestrel.AddServerHeader = false;
            // Emulators enforce their own documented limits and must see oversize bodies to answer 413.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var listening = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackServer(app, new Uri(listening.TrimEnd('/') + "/"));
    }

    /// <summary>Stops listening, cutting requests still running after a short grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(StopGrace);
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
