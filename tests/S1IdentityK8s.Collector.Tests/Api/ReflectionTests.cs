using Grpc.Reflection.V1;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>Server reflection (what grpcurl list/describe use), open without credentials.</summary>
public sealed class ReflectionTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task ListServices_NoCredentials_ListsCollectorServiceAndHealth()
    {
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("s1identity.collector.v1.CollectorService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task FileContainingSymbol_CollectorService_ReturnsItsDescriptor()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "s1identity.collector.v1.CollectorService" });

        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("s1identity.collector.v1", file.Package);
        Assert.Contains(file.Service.Single().Method, m => m.Name == "StartBackfill");
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
    {
        var client = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Null(call.ResponseStream.Current.ErrorResponse);
        return call.ResponseStream.Current;
    }
}
