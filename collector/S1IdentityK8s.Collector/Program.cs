using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Collector.Storage;

// Wiring only: parse --config, validate, lock the state directory, run the host.
var configPath = CommandLine.ConfigPath(args);
if (configPath is null)
{
    Console.Error.WriteLine("usage: S1IdentityK8s.Collector --config FILE");
    return 2;
}
var loaded = CollectorConfigLoader.Load(configPath);
if (!loaded.IsValid)
{
    foreach (var error in loaded.Errors)
    {
        Console.Error.WriteLine($"config error: {error}");
    }
    return 2;
}
StateDirectoryLock stateLock;
try
{
    stateLock = StateDirectoryLock.Acquire(loaded.Options!.StateDirectory);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
using (stateLock)
{
    var app = CollectorApp.Build(loaded.Options, loaded.Secrets!, configPath);
    // Taken before running: RunAsync disposes the container. The services are the host's own singletons.
    var fatal = app.Services.GetRequiredService<FatalExit>();
    var services = app.Services.GetServices<IHostedService>().ToList();
    try
    {
        await app.RunAsync().ConfigureAwait(false);
    }
    catch (OperationCanceledException) when (fatal.ExitCode != 0)
    {
        // Stopped by a fatal error while the host was still starting: the reason is on stderr already.
    }
    // A service that failed before ApplicationStarted was never watched: its fault is fatal all the same.
    fatal.Watch(services);
    return fatal.ExitCode;
}
