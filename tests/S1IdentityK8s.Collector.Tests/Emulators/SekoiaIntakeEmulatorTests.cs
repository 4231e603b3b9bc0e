using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class SekoiaIntakeEmulatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Origin = new(2024, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<JsonObject> Alerts(int count, int seed = 1) =>
        AlertFixtures.Generate(count, Origin, Origin.AddHours(1), seed);

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "/api/v1/intake-http/batch")]
    public async Task Batch_ValidEvents_ReturnsEventIdsAndRecordsEachEvent(bool gzip, string? path)
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        var alerts = Alerts(3);

        var (status, body, _) = await client.PostAsync(alerts, gzip, path);

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body!["event_ids"]!.AsArray().Select(e => Guid.Parse(e!.GetValue<string>())).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(alerts.Select(a => a["id"]!.GetValue<string>()), intake.Events.Select(e => e.AlertId));
        Assert.True(JsonNode.DeepEquals(alerts[0], intake.Events[0].Json));
        Assert.Equal(ids, intake.Events.Select(e => e.EventId!.Value));
        var request = intake.Requests.Single();
        Assert.Equal((gzip, 3, 3), (request.Gzip, request.EventCount, request.AcceptedCount));
        Assert.True(gzip ? request.WireBytes < request.BodyBytes : request.WireBytes == request.BodyBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hang_ClientGivesUp_NeverAnsweredAndIngestedOnlyAfterProcessing(bool afterProcessing)
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        intake.Faults.Enqueue(ScriptedFault.Hang() with { AfterProcessing = afterProcessing });
        using var http = new HttpClient();
        using var content = new StringContent(IntakeTestClient.Batch(intake.IntakeKey, Alerts(3)).ToJsonString(), Encoding.UTF8, "application/json");
        using var giveUp = new CancellationTokenSource();

        var post = http.PostAsync(intake.BatchUri, content, giveUp.Token);
        await intake.WaitForAsync(() => intake.Faults.InjectedCount == 1 && intake.EventCount == (afterProcessing ? 3 : 0), Timeout);
        var answeredBeforeGivingUp = post.IsCompleted;
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        await intake.WaitForRequestsAsync(1, Timeout);

        Assert.False(answeredBeforeGivingUp);
        Assert.Equal(0, intake.Requests.Single().StatusCode);
        Assert.Equal(afterProcessing ? 3 : 0, intake.EventCount);
        Assert.Equal(0, intake.AcknowledgedEventCount);
    }

    [Fact]
    public async Task Batch_NestedObjectInsteadOfString_Returns400()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        var body = new JsonObject { ["intake_key"] = intake.IntakeKey, ["jsons"] = new JsonArray(Alerts(1)[0]) };

        var (status, json, _) = await client.PostBytesAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("must be a string", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(intake.Events);
    }

    [Theory]
    [InlineData("""{"intake_key":"wrong","jsons":["{}"]}""")]
    [InlineData("""{"jsons":["{}"]}""")]
    public async Task Batch_WrongOrMissingIntakeKey_Returns401(string body)
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);

        var (status, json, _) = await client.PostBytesAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotNull(json!["message"]);
        Assert.False(intake.Requests.Single().IntakeKeyOk);
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"intake_key":"sekoia-test-intake-key","jsons":["{not json"]}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"intake_key":"sekoia-test-intake-key","jsons":"{}"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"intake_key":"sekoia-test-intake-key","jsons":["{}"]}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Batch_MalformedBody_IsRefused(string body, string contentType, HttpStatusCode expected)
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);

        var (status, _, _) = await client.PostBytesAsync(Encoding.UTF8.GetBytes(body), contentType: contentType);

        Assert.Equal(expected, status);
        Assert.Empty(intake.Events);
    }

    [Fact]
    public async Task Batch_SingleOversizeEvent_Returns413AndRecordsRejection()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        var oversize = AlertFixtures.Oversize(Origin);

        var (status, _, _) = await client.PostAsync([oversize]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(intake.Events);
        Assert.Equal(oversize["id"]!.GetValue<string>(), intake.RejectedOversize.Single().AlertId);
    }

    [Fact]
    public async Task Batch_SomeOversizeEvents_Returns200ForTheRestAndRecordsRejection()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        var events = new List<JsonObject>(Alerts(2)) { AlertFixtures.Oversize(Origin, seed: 9) };

        var (status, body, _) = await client.PostAsync(events);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body!["event_ids"]!.AsArray().Count);
        Assert.Equal(2, intake.EventCount);
        Assert.Single(intake.RejectedOversize);
        Assert.Equal(1, intake.Requests.Single().RejectedOversizeCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Batch_BodyOver10MiB_Returns413(bool gzip)
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        // 45 events of 240 KB: each under the event limit, together over 10 MiB.
        var events = Enumerable.Range(0, 45).Select(i =>
        {
            var alert = Alerts(1, seed: i)[0];
            alert["description"] = new string('d', 240_000);
            return (JsonNode)alert;
        });

        var (status, _, _) = await client.PostAsync(events, gzip);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(intake.Events);
        Assert.True(intake.Requests.Single().BodyBytes > 10 * 1024 * 1024);
    }

    [Fact]
    public async Task FailAfterProcessing_ResentBatch_CountsAsExcusedDuplicate()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        intake.Faults.Enqueue(ScriptedFault.FailAfterProcessing());
        using var client = new IntakeTestClient(intake);
        var alerts = Alerts(4);

        var failed = await client.PostAsync(alerts);
        var resent = await client.PostAsync(alerts);

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK), (failed.Status, resent.Status));
        Assert.Equal(8, intake.EventCount);
        Assert.Equal(4, intake.AcknowledgedEventCount);
        Assert.Equal(0, intake.DuplicateCount());
        Assert.Equal(4, intake.DuplicateCount(acknowledgedOnly: false));
        Assert.All(intake.CountsById(), c => Assert.Equal(2, c.Value));
        Assert.Empty(intake.MissingIds(alerts.Select(a => a["id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task UpdatedAlert_SentAgainWithNewContent_CountsAsNewVersionNotDuplicate()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        var alert = Alerts(1)[0];
        alert.Remove("updatedAt");

        await client.PostAsync([alert]);
        alert["status"] = "RESOLVED";
        await client.PostAsync([alert]);
        await client.PostAsync([alert]);

        Assert.Equal(2, intake.CountsByVersion().Count);
        Assert.Equal(1, intake.DuplicateCount());
    }

    [Theory]
    [InlineData(429, 3)]
    [InlineData(503, null)]
    public async Task ScriptedStatus_NextBatch_GetsItAndIngestsNothing(int code, int? retryAfter)
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        intake.Faults.Enqueue(ScriptedFault.Status(code, retryAfter));
        using var client = new IntakeTestClient(intake);

        var (status, _, response) = await client.PostAsync(Alerts(2));

        Assert.Equal(code, (int)status);
        Assert.Equal(retryAfter, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
        Assert.Empty(intake.Events);
    }

    [Fact]
    public async Task ScriptedConnectionReset_ClientSeesTransportError()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        intake.Faults.Enqueue(ScriptedFault.ConnectionReset());
        using var client = new IntakeTestClient(intake);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(Alerts(2)));

        await intake.WaitForRequestsAsync(1, Timeout);
        Assert.Equal(0, intake.Requests.Single().StatusCode);
        Assert.Empty(intake.Events);
    }

    [Fact]
    public async Task WaitForEventsAsync_EventsArriveLater_CompletesOnArrival()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync();
        using var client = new IntakeTestClient(intake);
        var alerts = Alerts(5);
        var ids = alerts.Select(a => a["id"]!.GetValue<string>()).ToList();

        var waitingForCount = intake.WaitForEventsAsync(5, Timeout);
        var waitingForIds = intake.WaitForAlertsAsync(ids, Timeout);
        Assert.False(waitingForCount.IsCompleted || waitingForIds.IsCompleted);
        await client.PostAsync(alerts.Take(2));
        await client.PostAsync(alerts.Skip(2));

        await Task.WhenAll(waitingForCount, waitingForIds);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(
            () => intake.WaitForAlertsAsync([.. ids, "never-sent"], TimeSpan.FromMilliseconds(100)));
        Assert.Contains("never-sent", timeout.Message, StringComparison.Ordinal);
    }
}
