using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.Common;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// The collector's rules for spec values that the CRD schema lets through (its patterns cannot say "at least
/// 1s", "a port up to 65535" or "a real date"; a v1.20 apiserver's date-time format takes lower case and any
/// character before the fraction): checked here so that such an intake shows <c>Stalled</c> naming the field
/// instead of a collector pod that refuses its configuration, or a reconcile that throws.
/// </summary>
public static partial class SpecValueRules
{
    private const string TimestampExpectation = "an RFC 3339 timestamp like 2026-11-02T00:00:00Z";
    private const string HostnameExpectation = "host[:port] or https://host[:port]";
    private const string LoopbackHint = "http:// is only allowed to a loopback host: 127.0.0.1, ::1 or localhost";
    private static readonly TimeSpan LongestBackfill = TimeSpan.FromDays(31);

    /// <summary>Every problem of <paramref name="spec"/>'s values, each naming its field.</summary>
    public static IEnumerable<SpecProblem> Problems(IntakeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var collection = spec.Collection ?? new CollectionSpec();
        var problems = new[]
        {
            Duration("pollInterval", collection.PollInterval, TimeSpan.FromSeconds(1), "at least 1s"),
            Duration("settleDelay", collection.SettleDelay, TimeSpan.Zero, null),
            Duration("overlap", collection.Overlap, TimeSpan.Zero, null),
            Duration("initialLookback", collection.InitialLookback, TimeSpan.FromTicks(1), "above 0"),
            Duration("credentialsRetryInterval", collection.CredentialsRetryInterval, TimeSpan.FromSeconds(1), "at least 1s"),
            Url("spec.sentinelOne.hostname", spec.SentinelOne?.Hostname, HostnameExpectation, addScheme: true),
            spec.Sekoia?.Endpoint is { Length: > 0 } endpoint ? Endpoint(endpoint) : null,
            spec.Collector?.Image is { } image ? Image(image) : null,
            // The CRD says above 0; the collector's pace between two requests must fit a timer.
            spec.SentinelOne?.RequestsPerSecond is > 0 and < 0.01 and var rps
                ? Invalid("spec.sentinelOne.requestsPerSecond", FormattableString.Invariant($"expected at least 0.01 (one request every 100 s), got {rps:R}"))
                : null,
        };
        return problems.OfType<SpecProblem>().Concat((spec.Backfills ?? []).SelectMany(Backfill));
    }

    private static SpecProblem? Duration(string key, string? text, TimeSpan least, string? leastText)
    {
        var field = $"spec.collection.{key}";
        if (!Durations.TryParse(text, out var value, out var problem))
        {
            return Invalid(field, $"expected {Durations.Expectation}, got '{Shorten(text ?? "")}'{(problem is null ? "" : $" ({problem})")}");
        }

        return value < least ? Invalid(field, $"expected a duration {leastText}, got '{Shorten(text ?? "")}'") : null;
    }

    private static SpecProblem? Endpoint(string endpoint)
    {
        const string field = "spec.sekoia.endpoint";
        return endpoint.TrimEnd('/').EndsWith("/batch", StringComparison.OrdinalIgnoreCase)
            ? Invalid(field, "must be the intake's base URL, without /batch")
            : Url(field, endpoint, "an absolute URL like https://intake.sekoia.io", addScheme: false);
    }

    // The collector's URL rule: http(s), a valid host, a port from 1 to 65535, http only to a loopback host.
    private static SpecProblem? Url(string field, string? text, string expectation, bool addScheme)
    {
        var trimmed = text?.Trim() ?? "";
        var candidate = addScheme && !trimmed.Contains("://", StringComparison.Ordinal) ? "https://" + trimmed : trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || Uri.CheckHostName(uri.IdnHost) == UriHostNameType.Unknown || uri.Port is < 1 or > 65_535)
        {
            return Invalid(field, $"expected {expectation} with a port from 1 to 65535, got '{Shorten(trimmed)}'");
        }

        return uri.Scheme == "http" && !uri.IsLoopback ? Invalid(field, $"expected https, got '{Shorten(trimmed)}' ({LoopbackHint})") : null;
    }

    // The kubelet's rule (distribution/reference): refused here rather than seen as InvalidImageName on the pod.
    private static SpecProblem? Image(string image)
    {
        var match = ImageReference().Match(image);
        return match.Success && match.Groups["name"].Length <= 255 ? null
            : Invalid("spec.collector.image", $"expected an image reference like registry.example.com/s1identity/collector:1.0.0, got '{Shorten(image)}'");
    }

    private static string Shorten(string text) => text.Length > 80 ? $"{text[..80]}… ({text.Length} characters)" : text;

    private static IEnumerable<SpecProblem> Backfill(BackfillSpec backfill)
    {
        var field = $"spec.backfills[{backfill.Name}]";
        var from = Timestamp(backfill.From);
        var to = Timestamp(backfill.To);
        if (from is null)
        {
            yield return Invalid($"{field}.from", $"expected {TimestampExpectation}, got '{backfill.From}'");
        }

        if (to is null)
        {
            yield return Invalid($"{field}.to", $"expected {TimestampExpectation}, got '{backfill.To}'");
        }

        if (from is not null && to is not null && (to <= from || to - from > LongestBackfill))
        {
            yield return Invalid(field, "to must be after from, at most 31 days later");
        }
    }

    // As the collector reads it: RFC 3339 with a zone, a fraction of at most 7 digits, a real date and offset.
    private static DateTimeOffset? Timestamp(string? text) =>
        text is not null && Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    private static SpecProblem Invalid(string field, string message) => new(ConditionReasons.InvalidSpec, field, message);

    [GeneratedRegex(@"^(?<name>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-*)[a-z0-9]+)*)*)(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
