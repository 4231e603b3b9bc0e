using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// The GraphQL documents the minimal relay sends: the same requests the collector makes (its documents
/// as of this benchmark: arguments inlined, Sekoia's list fields plus <c>updatedAt</c>, aliased
/// <c>alert(id)</c> detail lookups), written out here so the benchmark never depends on the collector's
/// internals, which may change shape without changing what goes on the wire.
/// </summary>
public static class RelayDocuments
{
    private const string ListSelection =
        "id name description detectedAt attackSurfaces detectionSource { product } status " +
        "assignee { fullName } classification confidenceLevel firstSeenAt lastSeenAt " +
        "process { cmdLine file { path sha1 sha256 md5 } parentName } result storylineId updatedAt";

    private const string DetailSelection =
        "analystVerdict analytics { category } " +
        "asset { agentUuid agentVersion category name osType osVersion type subcategory } rawData";

    // As the collector writes string literals: JSON escaping with \" rather than \u0022.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One page of Identity alerts detected in [<paramref name="fromMs"/>, <paramref name="toMs"/>), oldest first.</summary>
    public static string List(long fromMs, long toMs, int first, string? after)
    {
        var sb = new StringBuilder(512);
        sb.Append("query { alerts(filters: [{fieldId: \"detectionProduct\", stringEqual: {value: \"Identity\"}}, ");
        sb.Append(CultureInfo.InvariantCulture, $"{{fieldId: \"detectedAt\", dateTimeRange: {{start: {fromMs}, startInclusive: true, end: {toMs}, endInclusive: false}}}}], ");
        sb.Append(CultureInfo.InvariantCulture, $"sort: {{by: \"detectedAt\", order: ASC}}, first: {first}");
        if (after is not null)
        {
            sb.Append(", after: ").Append(JsonSerializer.Serialize(after, Relaxed));
        }
        return sb.Append(") { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { ").Append(ListSelection).Append(" } } } }").ToString();
    }

    /// <summary>One document fetching the detail of every id, aliased <c>a0</c>, <c>a1</c>, ... in order.</summary>
    public static string Details(IReadOnlyList<string> ids)
    {
        var sb = new StringBuilder(64 + (ids.Count * 220));
        sb.Append("query {");
        for (var i = 0; i < ids.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $" a{i}: alert(id: {JsonSerializer.Serialize(ids[i], Relaxed)}) {{ {DetailSelection} }}");
        }
        return sb.Append(" }").ToString();
    }
}
