using System.Diagnostics;
using System.Net;
using S1IdentityK8s.TestSupport.Emulators;
using static S1IdentityK8s.Collector.Tests.Emulators.UamTestAlerts;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class UamEmulatorFaultTests
{
    private const string Query = "{ alerts(first: 5) { totalCount edges { node { id } } } }";

    [Fact]
    public async Task ScriptedTooManyRequests_NextRequests_Get429WithRetryAfterThenRecover()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.Faults.Enqueue(ScriptedFault.TooManyRequests(retryAfterSeconds: 3), times: 2);
        using var client = new UamTestClient(uam);

        var first = await client.PostAsync(Query);
        var second = await client.PostAsync(Query);
        var third = await client.PostAsync(Query);

        Assert.Equal((HttpStatusCode)429, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Response.Headers.RetryAfter!.Delta);
        Assert.Equal((HttpStatusCode)429, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal([429, 429, 200], uam.Requests.Select(r => r.StatusCode));
        Assert.NotNull(uam.Requests[0].Fault);
        Assert.Equal(0, uam.Faults.PendingCount);
    }

    [Fact]
    public async Task ScriptedServiceUnavailable_WithoutRetryAfter_SendsNoHeaderAndHtmlBody()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.Faults.Enqueue(ScriptedFault.ServiceUnavailable());
        using var client = new UamTestClient(uam);

        var (status, body, response) = await client.PostAsync(Query);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Null(body);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ScriptedConnectionReset_ClientSeesTransportError()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.Faults.Enqueue(ScriptedFault.ConnectionReset());
        using var client = new UamTestClient(uam);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(Query));
        var (status, _, _) = await client.PostAsync(Query);

        Assert.Equal(HttpStatusCode.OK, status);
        await uam.WaitForRequestsAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal([0, 200], uam.Requests.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScriptedGraphQLError_Http200_CarriesErrorsAndOptionalPartialData(bool partialData)
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlert(Make("x", 1));
        uam.Faults.Enqueue(ScriptedFault.GraphQLError("INTERNAL_SERVER_ERROR", partialData));
        using var client = new UamTestClient(uam);

        var (status, body, _) = await client.PostAsync(Query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("INTERNAL_SERVER_ERROR", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(partialData, body["data"] is not null);
        if (partialData)
        {
            Assert.Equal(1, body["data"]!["alerts"]!["totalCount"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task RandomFailures_SameSeed_FailTheSameRequests()
    {
        async Task<List<int>> RunAsync()
        {
            await using var uam = await UamEmulator.StartAsync();
            uam.Faults.FailRandomly(0.3, seed: 42);
            using var client = new UamTestClient(uam);
            for (var i = 0; i < 40; i++)
            {
                await client.PostAsync(Query);
            }
            return uam.Requests.Select(r => r.StatusCode).ToList();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(s => s == 503), 4, 24);
        Assert.Equal(40 - first.Count(s => s == 503), first.Count(s => s == 200));
    }

    [Fact]
    public async Task Latency_Set_DelaysEveryResponse()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.Faults.Latency = TimeSpan.FromMilliseconds(300);
        using var client = new UamTestClient(uam);

        var watch = Stopwatch.StartNew();
        await client.PostAsync(Query);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task ServiceUnavailableAfterProcessing_RecordsTheParsedRequest()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.Faults.Enqueue(ScriptedFault.ServiceUnavailable(5) with { AfterProcessing = true });
        using var client = new UamTestClient(uam);

        var (status, _, response) = await client.PostAsync(Query);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        Assert.Equal(UamRequestKind.List, uam.Requests.Single().Kind);
    }
}
