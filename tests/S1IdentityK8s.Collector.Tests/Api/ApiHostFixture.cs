namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>One quiet collector host shared by a test class whose tests do not disturb each other.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private ApiHost? _host;

    public ApiHost Host => _host ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
