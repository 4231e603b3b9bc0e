using Grpc.Health.V1;
using Grpc.HealthCheck;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using S1IdentityK8s.PodRunner.Probes;

namespace S1IdentityK8s.PodRunner.Tests.Probes;

/// <summary>Each probe kind against a real loopback server: passes when it should, fails when it should.</summary>
public sealed class ProbeCheckTests : IAsyncLifetime
{
    private WebApplication? _app;
    private int _port;
    private int _grpcPort;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // gRPC without TLS needs an HTTP/2-only port (h2c with prior knowledge), HTTP probes an HTTP/1 one.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
            k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc();
        var health = new HealthServiceImpl();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus("down", HealthCheckResponse.Types.ServingStatus.NotServing);
        builder.Services.AddSingleton(health);
        _app = builder.Build();
        _app.MapGrpcService<HealthServiceImpl>();
        _app.MapGet("/healthz", () => Results.Ok("ok"));
        _app.MapGet("/broken", () => Results.StatusCode(500));
        _app.MapGet("/moved", () => Results.Redirect("/elsewhere"));
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        (_port, _grpcPort) = (new Uri(addresses[0]).Port, new Uri(addresses[1]).Port);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("http 200", true)]
    [InlineData("http 500", false)]
    [InlineData("http 302", true)]
    [InlineData("http named port", true)]
    [InlineData("tcp open", true)]
    [InlineData("tcp closed", false)]
    [InlineData("grpc serving", true)]
    [InlineData("grpc not serving", false)]
    [InlineData("grpc unknown service", false)]
    public async Task Probe_PassesOnlyWhenTheServerSaysSo(string name, bool expected)
    {
        var closedPort = ClosedPort();
        var probe = name switch
        {
            "http 200" => new V1Probe { HttpGet = new V1HTTPGetAction { Port = _port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path = "/healthz" } },
            "http 500" => new V1Probe { HttpGet = new V1HTTPGetAction { Port = _port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path = "/broken" } },
            "http 302" => new V1Probe { HttpGet = new V1HTTPGetAction { Port = _port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path = "/moved" } },
            "http named port" => new V1Probe { HttpGet = new V1HTTPGetAction { Port = "web", Path = "/healthz" } },
            "tcp open" => new V1Probe { TcpSocket = new V1TCPSocketAction { Port = _port.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            "tcp closed" => new V1Probe { TcpSocket = new V1TCPSocketAction { Port = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            "grpc serving" => new V1Probe { Grpc = new V1GRPCAction { Port = _grpcPort } },
            "grpc not serving" => new V1Probe { Grpc = new V1GRPCAction { Port = _grpcPort, Service = "down" } },
            "grpc unknown service" => new V1Probe { Grpc = new V1GRPCAction { Port = _grpcPort, Service = "nobody" } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var container = new V1Container { Name = "app", Ports = [new V1ContainerPort { Name = "web", ContainerPort = _port }] };
        var target = new ProbeTarget("127.0.0.1", container, new Dictionary<string, string>(), () => null);

        Assert.Equal(expected, await ProbeCheck.RunAsync(probe, target, CancellationToken.None));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
