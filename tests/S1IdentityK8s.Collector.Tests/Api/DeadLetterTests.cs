using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>ListDeadLetters: paging over the dead-letter store with opaque tokens.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task ListDeadLetters_FiveLettersPagesOfTwo_ReturnsAllOldestFirstThenNoToken()
    {
        await using var host = await ApiHost.StartAsync();
        // The store the host's ListDeadLetters reads.
        var store = host.App.Services.GetRequiredService<DeadLetterStore>();
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var letter = await store.AddAsync($"alert-{i}", 1_700_000_000_000 + i, "oversize", $"too big #{i}", "{}", CancellationToken.None);
            expected.Add(letter.AlertId);
        }

        var pages = new List<ListDeadLettersResponse>();
        var token = "";
        do
        {
            var page = await host.Client.ListDeadLettersAsync(new ListDeadLettersRequest { PageSize = 2, PageToken = token }, ApiHost.Auth);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length > 0 && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.DeadLetters.Count));
        Assert.All(pages, p => Assert.Equal(5, p.TotalSize));
        Assert.Equal(expected, pages.SelectMany(p => p.DeadLetters).Select(l => l.AlertId));
        var first = pages[0].DeadLetters[0];
        Assert.Equal(("oversize", "too big #0", 2L), (first.Reason, first.Message, first.SizeBytes));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), first.AlertUpdatedTime.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(0, "not-a-token", "page_token:")]
    [InlineData(-1, "", "page_size:")]
    public async Task ListDeadLetters_BadRequest_InvalidArgumentNamingField(int pageSize, string pageToken, string field)
    {
        await using var host = await ApiHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.ListDeadLettersAsync(new ListDeadLettersRequest { PageSize = pageSize, PageToken = pageToken }, ApiHost.Auth).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field, error.Status.Detail, StringComparison.Ordinal);
    }
}
