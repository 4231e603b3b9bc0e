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
    await app.RunAsync().ConfigureAwait(false);
}
return Environment.ExitCode;
