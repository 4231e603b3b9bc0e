using System.Text.RegularExpressions;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>The generated mutations (<see cref="IntakeSpecMutations"/>) that are legitimately valid, each with why.</summary>
internal static class ValidSpecMutations
{
    /// <summary>
    /// Changes the apiserver and the operator both accept, rightly: (case name pattern, why it is valid).
    /// Everything else accepted by both fails <see cref="IntakeSpecMutationTests"/>; a listed change refused fails it too.
    /// </summary>
    public static readonly (Regex Case, string Why)[] All =
    [
        // Optional fields and sections: the apiserver fills in their documented defaults (it drops a null
        // first), or leaves them out, meaning none.
        (Case(@"^spec\.(sentinelOne\.(pageSize|detailBatchSize|detailConcurrency|requestsPerSecond)|sekoia\.(region|endpoint)|collection(\.\w+)?|suspend|collector(\.(logLevel|image|resources(\.(limits|requests(\.\w+)?))?|nodeSelector(\.\w+)?|tolerations(\[0\](\.(operator|value|tolerationSeconds))?)?))?|deadLetters(\.\w+)?|backfills(\[0\])?) (removed|= null)$"),
            "an optional field or section: its default, or none"),
        // In range: every number of the pool that the field takes.
        (Case(@"^spec\.(sentinelOne\.(pageSize|detailBatchSize|detailConcurrency|requestsPerSecond)|deadLetters\.maxCount) = 5$"), "in range"),
        (Case(@"^spec\.sentinelOne\.requestsPerSecond = 1\.5$"), "in range"),
        (Case(@"^spec\.(collection\.collectUpdates|suspend) = true$"), "the other boolean"),
        // Durations the collector takes: any non-negative one for the delay and the window, above 0 for the lookback.
        (Case(@"^spec\.collection\.(pollInterval|settleDelay|overlap|initialLookback) = ""1\.5h""$"), "a duration"),
        (Case(@"^spec\.collection\.(settleDelay|overlap) = ""(0|0s|0\.5s)""$"), "a duration, 0 allowed"),
        (Case(@"^spec\.collection\.initialLookback = ""0\.5s""$"), "a duration above 0"),
        // "1d" is a DNS label: a host name, a backfill name, a label value, a toleration's key or value.
        (Case(@"^spec\.(sentinelOne\.hostname|backfills\[0\]\.name|collector\.nodeSelector\.disktype|collector\.tolerations\[0\]\.(key|value)) = ""1d""$"), "a DNS label"),
        (Case(@"^spec\.collector\.(nodeSelector\.disktype|tolerations\[0\]\.(key|value)) = ""UPPER_case""$"), "a label value"),
        (Case(@"^spec\.collector\.tolerations\[0\]\.(operator|value) = """"$"), "an empty toleration operator is Equal, an empty value matches the empty one"),
        (Case(@"^spec\.collector\.tolerations\[0\]\.tolerationSeconds = (0|-1|5)$"), "0 or less evicts at once"),
        // Image references the kubelet takes: a name, with a tag.
        (Case(@"^spec\.collector\.image = ""(1d|host:99999)""$"), "an image reference"),
        // Any label name is a node selector key; an empty map selects every node.
        (Case(@"^spec\.collector\.nodeSelector \+ unknown key$"), "a label name"),
        // Quantities the Deployment takes (1e300 too: no node offers it, which the pod's diagnosis reports).
        (Case(@"^spec\.collector\.resources\.requests\.(cpu = (0|5|30|1e300|""0"")|memory = (0|5|30|""0""))$"), "a quantity"),
        // No memory limit, or a huge one; a null one is read as 0, below the request, and the Deployment refuses it.
        (Case(@"^spec\.collector\.resources\.limits\.memory (removed|= 1e300)$"), "no limit, or a huge one"),
        // RFC 3339 allows a lower-case t and z, and any offset; both collector and operator read them.
        (Case(@"^spec\.backfills\[0\]\.(from|to) = ""2026-11-02(t03:00:00z|T03:00:00\.5\+01:00)""$"), "an RFC 3339 timestamp inside the window"),
    ];

    private static Regex Case(string pattern) => new(pattern, RegexOptions.CultureInvariant);
}
