using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Tells why an intake's collector pod cannot run, from what the kubelet and the scheduler wrote into its
/// status. Messages carry no restart counts and no back-off durations, so they stay the same while the
/// cause does and the intake's status is not rewritten at every restart.
/// </summary>
public static partial class CollectorPodDiagnosis
{
    /// <summary>The longest detail kept from a container's last words; longer ones keep their start.</summary>
    public const int MaxDetailLength = 1024;

    /// <summary>What replaces a Secret value in a message.</summary>
    public const string Redacted = "***";

    // Shorter values would also match ordinary words: real tokens and keys are far longer.
    private const int MinRedactedLength = 4;
    private const string ImagePullBackOff = "ImagePullBackOff";
    private const string CrashLoopBackOff = "CrashLoopBackOff";

    private static readonly HashSet<string> ImagePullReasons = ["ErrImagePull", ImagePullBackOff, "InvalidImageName", "ErrImageNeverPull"];

    // Waiting reasons of a normal start, not problems.
    private static readonly HashSet<string> StartingReasons = ["ContainerCreating", "PodInitializing"];

    // The collector's own fatal lines, written to stderr synchronously before anything it logs on the way out.
    private static readonly string[] FatalPrefixes = ["config error:", "fatal:", "error:"];

    /// <summary>
    /// The problem of the newest pod in <paramref name="pods"/> (the newest ReplicaSet's; pods being deleted
    /// and finished ones, e.g. evicted, are ignored), or null when nothing is wrong with it.
    /// </summary>
    /// <param name="pods">The intake's collector pods.</param>
    /// <param name="shown">
    /// The problem the intake shows now, if any: while the kubelet backs off pulling the same image, it stays
    /// (the back-off's message repeats the last pull error at best).
    /// </param>
    /// <param name="secretValues">Values that must never reach a message: each is replaced by <see cref="Redacted"/>.</param>
    public static CollectorPodProblem? Diagnose(IEnumerable<V1Pod> pods, CollectorPodProblem? shown, IReadOnlyCollection<string> secretValues)
    {
        var pod = pods
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed"))
            .OrderByDescending(p => p.Metadata.CreationTimestamp)
            .ThenByDescending(p => p.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        var problem = pod is null ? null : Unschedulable(pod) ?? Containers(pod, shown);
        return problem is null ? null : problem with { Message = Redact(problem.Message, secretValues) };
    }

    private static CollectorPodProblem? Unschedulable(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled") is { Status: "False", Reason: "Unschedulable" } scheduled
            ? new CollectorPodProblem(ConditionReasons.Unschedulable, string.IsNullOrWhiteSpace(scheduled.Message)
                ? "the collector pod cannot be scheduled"
                : $"the collector pod cannot be scheduled: {scheduled.Message.Trim()}")
            : null;

    private static CollectorPodProblem? Containers(V1Pod pod, CollectorPodProblem? shown) =>
        (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
            .Select(status => Container(pod, status, shown))
            .FirstOrDefault(problem => problem is not null);

    private static CollectorPodProblem? Container(V1Pod pod, V1ContainerStatus status, CollectorPodProblem? shown)
    {
        var who = status.Name == "collector" ? "the collector" : $"container \"{status.Name}\"";
        var waiting = status.State?.Waiting;
        if (waiting?.Reason is { } pull && ImagePullReasons.Contains(pull))
        {
            return ImagePull(Image(pod, status), pull, waiting.Message, shown);
        }

        if (waiting?.Reason == CrashLoopBackOff)
        {
            // Its own message ("back-off 40s restarting failed container=...") changes at every restart: unused.
            return CrashLoop(who, status.LastState?.Terminated);
        }

        if (waiting?.Reason is { } other && !StartingReasons.Contains(other))
        {
            return new CollectorPodProblem(ConditionReasons.ContainerNotStarting, string.IsNullOrWhiteSpace(waiting.Message)
                ? $"the kubelet cannot start {who}: {other}"
                : $"the kubelet cannot start {who}: {other}: {waiting.Message.Trim()}");
        }

        if (status.State?.Terminated is { ExitCode: not 0 } exited)
        {
            return CrashLoop(who, exited);
        }

        // Started again after a failure and not ready yet: between two crashes.
        return status is { RestartCount: > 0, Ready: false, LastState.Terminated: { ExitCode: not 0 } last } ? CrashLoop(who, last) : null;
    }

    private static CollectorPodProblem ImagePull(string image, string reason, string? message, CollectorPodProblem? shown)
    {
        var subject = $"cannot pull image \"{image}\"";
        if (reason == ImagePullBackOff && shown?.Reason == ConditionReasons.ImagePullFailed && shown.Message.StartsWith(subject, StringComparison.Ordinal))
        {
            return shown;
        }

        var detail = reason == ImagePullBackOff ? BackOffDetail(message) : Blank(message);
        return new CollectorPodProblem(ConditionReasons.ImagePullFailed, detail is not null
            ? $"{subject}: {detail}"
            : reason == ImagePullBackOff
                ? $"{subject}: the kubelet backs off between attempts (kubectl describe pod shows its error)"
                : $"{subject}: {reason}");
    }

    // "Back-off pulling image "x"" says nothing more than the reason; newer kubelets append the pull error.
    private static string? BackOffDetail(string? message)
    {
        var match = BackOffMessage().Match(message ?? "");
        return match.Success ? Blank(match.Groups["detail"].Value) : Blank(message);
    }

    private static CollectorPodProblem CrashLoop(string who, V1ContainerStateTerminated? exit)
    {
        if (exit is null)
        {
            return new CollectorPodProblem(ConditionReasons.CrashLooping, $"{who} keeps exiting");
        }

        var code = exit.Reason is null or "Error" or "Completed" ? $"{exit.ExitCode}" : $"{exit.ExitCode} ({exit.Reason})";
        var words = LastWords(exit.Message);
        return new CollectorPodProblem(ConditionReasons.CrashLooping, words is null
            ? $"{who} exits with code {code}"
            : $"{who} exits with code {code}: {words}");
    }

    /// <summary>
    /// What a termination message (the container's file, or with <c>FallbackToLogsOnError</c> its last log
    /// lines) says of why it stopped, without the timestamps that would change at every restart: the
    /// collector's own fatal lines (<c>config error: ...</c>, <c>fatal: ...</c>, <c>error: ...</c>), else .NET's
    /// <c>Unhandled exception.</c> line, else the last Critical, then Error, log line's message (a
    /// graceful stop logs more after the fatal line, e.g. its Lease hand-over), else the last line's.
    /// </summary>
    private static string? LastWords(string? message)
    {
        var lines = (message ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var fatal = lines.Where(l => FatalPrefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal))).ToList();
        var words = fatal.Count > 0
            ? string.Join("; ", fatal)
            : lines.FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal))
                ?? LogMessage(lines.LastOrDefault(l => LogLevel(l) == "Critical") ?? lines.LastOrDefault(l => LogLevel(l) == "Error") ?? lines[^1]);
        return words.Length <= MaxDetailLength ? words : $"{words[..MaxDetailLength]}...";
    }

    // A JSON log line's level (.NET's JSON console: "LogLevel"), or null.
    private static string? LogLevel(string line) => JsonField(line, "LogLevel");

    private static string? JsonField(string line, string field)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A JSON log line's message, or a text line without its leading timestamp.
    private static string LogMessage(string line) => JsonField(line, "Message") ?? LeadingTimestamp().Replace(line, "");

    private static string Image(V1Pod pod, V1ContainerStatus status) =>
        Blank(status.Image)
            ?? (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []).FirstOrDefault(c => c.Name == status.Name)?.Image ?? "";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Redact(string message, IReadOnlyCollection<string> secretValues) =>
        secretValues
            .Where(v => v.Length >= MinRedactedLength)
            .OrderByDescending(v => v.Length)
            .Aggregate(message, (text, value) => text.Replace(value, Redacted, StringComparison.Ordinal));

    [GeneratedRegex("""^Back-off pulling image "[^"]*"(?::\s*(?:ErrImagePull:\s*)?(?<detail>.*))?$""", RegexOptions.Singleline)]
    private static partial Regex BackOffMessage();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\s*")]
    private static partial Regex LeadingTimestamp();
}
