using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using S1IdentityK8s.Collector.Hosting;

namespace S1IdentityK8s.Collector.Tests.Hosting;

public sealed class FatalExitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_BackgroundServiceThrows_ExitCodeOneAndReasonOnStderr()
    {
        using var stderr = new StringWriter();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(sp => new FatalExit(sp.GetRequiredService<IHostApplicationLifetime>(), stderr));
        builder.Services.AddHostedService<ThrowingService>();
        using var host = builder.Build();
        var fatal = host.Services.GetRequiredService<FatalExit>();
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
            fatal.Watch(host.Services.GetServices<IHostedService>()));

        await host.RunAsync().WaitAsync(Patience);

        Assert.Equal(1, fatal.ExitCode);
        Assert.Equal("fatal: ThrowingService failed: InvalidOperationException: the poll loop broke", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Stop_TerminationMessageFileMounted_ReasonWrittenThere()
    {
        using var stderr = new StringWriter();
        var file = Path.GetTempFileName();
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddSingleton(sp => new FatalExit(sp.GetRequiredService<IHostApplicationLifetime>(), stderr, file));
            using var host = builder.Build();
            await host.StartAsync();

            host.Services.GetRequiredService<FatalExit>().Stop("checkpoint unreadable");

            Assert.Equal("fatal: checkpoint unreadable\n", await File.ReadAllTextAsync(file));
            await host.StopAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Stop_NoTerminationMessageFile_NothingCreated()
    {
        using var stderr = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), $"s1k8s-no-termination-log-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(sp => new FatalExit(sp.GetRequiredService<IHostApplicationLifetime>(), stderr, missing));
        using var host = builder.Build();
        await host.StartAsync();

        host.Services.GetRequiredService<FatalExit>().Stop("gone");

        Assert.False(File.Exists(missing));
        Assert.Equal("fatal: gone", stderr.ToString().Trim());
        await host.StopAsync();
    }

    [Fact]
    public async Task Stop_CalledTwice_KeepsTheFirstReason()
    {
        using var stderr = new StringWriter();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(sp => new FatalExit(sp.GetRequiredService<IHostApplicationLifetime>(), stderr));
        using var host = builder.Build();
        var fatal = host.Services.GetRequiredService<FatalExit>();
        await host.StartAsync();

        fatal.Stop("first");
        fatal.Stop("second");
        await host.WaitForShutdownAsync().WaitAsync(Patience);

        Assert.Equal("first", fatal.Reason);
        Assert.Equal("fatal: first", stderr.ToString().Trim());
    }

    private sealed class ThrowingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("the poll loop broke");
        }
    }
}
