using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// A faithful re-implementation of the request pattern of Sekoia's own SentinelOne Singularity Identity
/// connector (docs/external-apis.md), the baseline of the round-trip benchmark. One run, all
/// sequential:
/// <list type="number">
/// <item>per page: one <c>alerts</c> list request (filters <c>detectionProduct = Identity</c> and
/// <c>detectedAt ≥ start</c>, no end; <c>sort: detectedAt ASC</c>; no <c>first</c>, so UAM's default page
/// size; <c>after</c> = the previous page's <c>endCursor</c>), selecting Sekoia's list fields;</item>
/// <item>per alert of the page, one at a time: one <c>alert(id: $id)</c> detail request, whose keys are
/// merged into the list node (the detail wins);</item>
/// <item>per page: the page's alerts pushed to the intake's <c>/batch</c> as JSON strings (uncompressed, as
/// Sekoia's SDK posts them), then the cursor written to a local checkpoint file;</item>
/// </list>
/// then the next page, until <c>hasNextPage</c> is false. Every UAM request first takes a token of a
/// 25-per-second bucket (Sekoia's <c>AsyncLimiter(max_rate=25, time_period=1)</c>); the intake push does
/// not. So a page of N alerts costs N + 1 UAM round trips in series, plus one push.
/// </summary>
public sealed class ReferenceConnector(HttpClient http, PatternSettings settings)
{
    // Sekoia's list document (variables as it declares them; epoch ms, the unit UAM's Long filters take).
    private const string ListDocument = """
        query listAlerts($productName: String!, $after: String, $startDateTime: Long) {
          alerts(
            after: $after,
            filters: [
              {fieldId: "detectionProduct", stringEqual: {value: $productName}}
              {fieldId: "detectedAt", dateTimeRange: {start: $startDateTime, startInclusive: true}}
            ]
            sort: {by: "detectedAt", order: ASC}
          ) {
            edges { node { id name description detectedAt attackSurfaces detectionSource { product } name status
              assignee { fullName } classification confidenceLevel firstSeenAt lastSeenAt
              process { cmdLine file { path sha1 sha256 md5 } parentName } result storylineId } }
            pageInfo { endCursor hasNextPage }
            totalCount
          }
        }
        """;

    // Sekoia's detail document, one alert per request.
    private const string DetailDocument = """
        query getAlert($id: ID!) {
          alert(id: $id) {
            analystVerdict analytics { category }
            asset { agentUuid agentVersion category name osType osVersion type subcategory } rawData
          }
        }
        """;

    private readonly RequestRateLimiter _budget = new(settings.RequestsPerSecond);

    /// <summary>Drains every alert detected since <see cref="PatternSettings.FromMs"/>; returns how many were pushed.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long pushed = 0;
        string? cursor = null;
        var newest = settings.FromMs;
        while (true)
        {
            var variables = new JsonObject { ["productName"] = "Identity", ["after"] = cursor, ["startDateTime"] = settings.FromMs };
            var alerts = (await QueryAsync(ListDocument, variables, cancellationToken))["alerts"]!;
            var nodes = alerts["edges"]!.AsArray().Select(e => e!["node"]!.AsObject()).ToList();
            foreach (var node in nodes)
            {
                var detail = (await QueryAsync(DetailDocument, new JsonObject { ["id"] = node["id"]!.GetValue<string>() }, cancellationToken))["alert"];
                if (detail is JsonObject fields)
                {
                    foreach (var (key, value) in fields.ToList())
                    {
                        fields.Remove(key);
                        node[key] = value;
                    }
                }
            }
            if (nodes.Count > 0)
            {
                await PushAsync(nodes.Select(n => n.ToJsonString()).ToList(), cancellationToken);
                pushed += nodes.Count;
                newest = Math.Max(newest, nodes.Max(n => DateTimeOffset.Parse(n["detectedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()));
            }
            var page = alerts["pageInfo"]!;
            cursor = page["endCursor"]?.GetValue<string>();
            await File.WriteAllTextAsync(Path.Combine(settings.StateDirectory, "reference-checkpoint.json"),
                new JsonObject { ["cursor"] = cursor, ["last_event_date"] = newest }.ToJsonString(), cancellationToken);
            if (!page["hasNextPage"]!.GetValue<bool>())
            {
                return pushed;
            }
        }
    }

    private async Task<JsonNode> QueryAsync(string document, JsonObject variables, CancellationToken cancellationToken)
    {
        await _budget.WaitAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Uam, "web/api/v2.1/unifiedalerts/graphql"))
        {
            Content = new StringContent(new JsonObject { ["query"] = document, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync(cancellationToken))!;
        if (!response.IsSuccessStatusCode || body["errors"] is not null)
        {
            throw new InvalidOperationException($"UAM answered {(int)response.StatusCode}: {body.ToJsonString()}");
        }
        return body["data"]!;
    }

    private async Task PushAsync(IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["intake_key"] = settings.IntakeKey, ["jsons"] = new JsonArray([.. events.Select(e => JsonValue.Create(e))]) });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(settings.Intake, "batch"), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
