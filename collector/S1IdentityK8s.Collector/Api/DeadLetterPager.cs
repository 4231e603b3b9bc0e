using System.Globalization;
using System.Text;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Protos.Collector.V1;
using ProtoDeadLetter = S1IdentityK8s.Protos.Collector.V1.DeadLetter;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Pages through the dead-letter store, oldest first. A page token names the last entry returned (its
/// time, id and version), not an offset, so letters added between two calls neither shift nor repeat a page.
/// </summary>
public sealed class DeadLetterPager(DeadLetterStore store)
{
    /// <summary>Page size when the request says 0.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Largest page size; larger requests are capped.</summary>
    public const int MaxPageSize = 1000;

    private const string TokenPrefix = "v1|";

    /// <summary>One page; INVALID_ARGUMENT for a negative size or a token not from a previous response.</summary>
    public ListDeadLettersResponse List(ListDeadLettersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize < 0)
        {
            throw ApiErrors.InvalidArgument($"page_size: must not be negative, got {request.PageSize}");
        }
        var size = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var all = store.List()
            .OrderBy(l => l.DeadLetteredAt)
            .ThenBy(l => l.AlertId, StringComparer.Ordinal)
            .ThenBy(l => l.UpdatedAtMs)
            .ToList();
        var start = 0;
        if (request.PageToken.Length > 0)
        {
            var after = ParseToken(request.PageToken);
            start = all.FindIndex(l => Compare(Key(l), after) > 0);
            start = start < 0 ? all.Count : start;
        }
        var page = all.Skip(start).Take(size).ToList();
        var response = new ListDeadLettersResponse
        {
            TotalSize = all.Count,
            NextPageToken = start + page.Count < all.Count ? Token(Key(page[^1])) : "",
        };
        response.DeadLetters.AddRange(page.Select(l => new ProtoDeadLetter
        {
            AlertId = l.AlertId,
            AlertUpdatedTime = ProtoTime.FromMs(l.UpdatedAtMs),
            Reason = l.Reason,
            SizeBytes = l.SizeBytes,
            Message = l.Message,
            DeadLetteredTime = ProtoTime.From(l.DeadLetteredAt),
        }));
        return response;
    }

    private static (long Ticks, string Id, long UpdatedAtMs) Key(Sekoia.DeadLetter letter) =>
        (letter.DeadLetteredAt.UtcTicks, letter.AlertId, letter.UpdatedAtMs);

    private static int Compare((long Ticks, string Id, long UpdatedAtMs) a, (long Ticks, string Id, long UpdatedAtMs) b)
    {
        var byTime = a.Ticks.CompareTo(b.Ticks);
        if (byTime != 0)
        {
            return byTime;
        }
        var byId = string.CompareOrdinal(a.Id, b.Id);
        return byId != 0 ? byId : a.UpdatedAtMs.CompareTo(b.UpdatedAtMs);
    }

    private static string Token((long Ticks, string Id, long UpdatedAtMs) key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{TokenPrefix}{key.Ticks}|{key.UpdatedAtMs}|{key.Id}")));

    private static (long Ticks, string Id, long UpdatedAtMs) ParseToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var parts = text.Split('|', 4);
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal) && parts.Length == 4
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var updatedAtMs))
            {
                return (ticks, parts[3], updatedAtMs);
            }
        }
        catch (FormatException)
        {
            // Not base64: reported below like any other foreign token.
        }
        throw ApiErrors.InvalidArgument("page_token: not a token from a previous ListDeadLetters response");
    }
}
