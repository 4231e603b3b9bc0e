using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Emulators;

/// <summary>The intake emulator with <see cref="SekoiaIntakeOptions.RecordEvents"/> off, as benchmarks run it.</summary>
public sealed class SekoiaIntakeCountOnlyTests
{
    private static readonly DateTimeOffset Origin = new(2024, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Batch_RecordEventsOff_CountsEventsAndIdsButKeepsNoBodies()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { RecordEvents = false });
        using var client = new IntakeTestClient(intake);
        var alerts = AlertFixtures.Generate(3, Origin, Origin.AddHours(1), seed: 1);

        var (first, body, _) = await client.PostAsync(alerts, gzip: true);
        var (second, _, _) = await client.PostAsync(alerts.Take(1));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(3, body!["event_ids"]!.AsArray().Count);
        Assert.Equal((4, 4, 2), (intake.EventCount, intake.AcknowledgedEventCount, intake.RequestCount));
        Assert.Equal(2, intake.CountsById(acknowledgedOnly: true)[alerts[0]["id"]!.GetValue<string>()]);
        Assert.Equal(3, intake.CountsById().Count);
        Assert.Empty(intake.Events);
        Assert.Empty(intake.Requests);
    }

    [Fact]
    public async Task Batch_RecordEventsOff_EventThatIsNotJson_StillReturns400()
    {
        await using var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { RecordEvents = false });
        using var client = new IntakeTestClient(intake);
        var body = new JsonObject { ["intake_key"] = intake.IntakeKey, ["jsons"] = new JsonArray("{\"id\": \"a\"}", "{not json") };

        var (status, _, _) = await client.PostBytesAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(0, intake.EventCount);
    }
}
