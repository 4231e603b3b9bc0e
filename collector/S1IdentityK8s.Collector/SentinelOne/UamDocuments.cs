using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using S1IdentityK8s.Collector.Serialization;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Builds the GraphQL documents sent to UAM. Arguments are inlined as GraphQL literals rather than
/// declared as <c>$variables</c>: variables would need UAM's input type names, which are undocumented.
/// </summary>
public static class UamDocuments
{
    /// <summary>The <c>alerts</c> list document for one page.</summary>
    public static string List(AlertQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var field = FieldId(query.Field);
        var sb = new StringBuilder(512);
        sb.Append("query { alerts(filters: [");
        sb.Append("{fieldId: \"detectionProduct\", stringEqual: {value: \"Identity\"}}, ");
        sb.Append("{fieldId: \"").Append(field).Append("\", dateTimeRange: {start: ")
            .Append(query.FromMs.ToString(CultureInfo.InvariantCulture))
            .Append(", startInclusive: true, end: ")
            .Append(query.ToMs.ToString(CultureInfo.InvariantCulture))
            .Append(", endInclusive: false}}], ");
        sb.Append("sort: {by: \"").Append(field).Append("\", order: ASC}, ");
        sb.Append("first: ").Append(query.First.ToString(CultureInfo.InvariantCulture));
        if (query.After is not null)
        {
            sb.Append(", after: ").Append(StringLiteral(query.After));
        }
        sb.Append(") { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { ");
        sb.Append(AlertFields.ListSelection);
        sb.Append(" } } } }");
        return sb.ToString();
    }

    /// <summary>One document fetching the detail of every id, aliased <c>a0</c>, <c>a1</c>, ... in order.</summary>
    public static string Details(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sb = new StringBuilder(64 + (ids.Count * 220));
        sb.Append("query {");
        for (var i = 0; i < ids.Count; i++)
        {
            sb.Append(' ').Append(Alias(i)).Append(": alert(id: ").Append(StringLiteral(ids[i])).Append(") { ")
                .Append(AlertFields.DetailSelection).Append(" }");
        }
        sb.Append(" }");
        return sb.ToString();
    }

    /// <summary>The alias of the <paramref name="index"/>-th lookup in <see cref="Details"/>.</summary>
    public static string Alias(int index) => "a" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The UAM <c>fieldId</c> of a time field.</summary>
    public static string FieldId(AlertTimeField field) =>
        field == AlertTimeField.DetectedAt ? "detectedAt" : "updatedAt";

    // JSON string escaping is a valid GraphQL string literal; the relaxed encoder writes \" rather than
    // \u0022, which some GraphQL servers' lexers handle less well.
    private static string StringLiteral(string value) =>
        Encoding.UTF8.GetString(JsonText.Utf8(w => w.WriteStringValue(value), JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
}
