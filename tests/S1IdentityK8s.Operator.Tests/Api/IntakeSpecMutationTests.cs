using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Tests.Controllers;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>
/// Generated bad intakes (<see cref="IntakeSpecMutations"/> of the chart's example) against the real apiserver
/// and the operator's own validation: each is refused by the apiserver naming the field it broke, or refused by
/// the operator (as the reconciler reports it: <c>Stalled=True</c> naming the field), or it is one of the
/// legitimately valid changes of <see cref="ValidSpecMutations"/>. Nothing is ever accepted by both unnoticed, and the
/// operator never throws on what the apiserver accepted. Every case is a server-side dry run; a sample of the
/// operator's refusals then goes through the real controller.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class IntakeSpecMutationTests(ControlPlaneFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AcceptedByBoth = "accepted by the apiserver and by the operator";
    private const int Parallelism = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestNamespace? _ns;

    public async Task InitializeAsync()
    {
        _ns = await IntakeCrd.NamespaceAsync(cluster, "mutation");
        // The example's Secrets, so that only the mutated field can be at fault.
        foreach (var (name, key, value) in new[]
        {
            ("sentinelone-api-token", "token", "s1-token-SECRET-mutation-3e1a"),
            ("sekoia-intake-key", "intake-key", "sekoia-key-SECRET-mutation-77b0"),
        })
        {
            await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { [key] = value } }, _ns.Name);
        }
    }

    public async Task DisposeAsync()
    {
        if (_ns is not null)
        {
            await _ns.DisposeAsync();
        }
    }

    /// <summary>The intake every mutation starts from: the chart's example plus the optional sections it leaves out.</summary>
    internal static JsonObject BaseIntake()
    {
        var intake = ExampleIntakeJson.Load();
        intake["metadata"] = new JsonObject { ["name"] = "mutated" };
        var spec = intake["spec"]!.AsObject();
        spec["sekoia"]!["endpoint"] = "https://intake.sekoia.io";
        spec["deadLetters"] = new JsonObject { ["maxCount"] = 10_000, ["maxBytes"] = 536_870_912 };
        var collector = spec["collector"]!.AsObject();
        collector["image"] = "registry.example.com/s1identity/collector:1.0.0";
        collector["nodeSelector"] = new JsonObject { ["disktype"] = "ssd" };
        collector["tolerations"] = new JsonArray(new JsonObject
        {
            ["key"] = "dedicated",
            ["operator"] = "Equal",
            ["value"] = "soc",
            ["effect"] = "NoExecute",
            ["tolerationSeconds"] = 60,
        });
        return intake;
    }

    [Fact]
    public async Task Apply_EachGeneratedMutation_RefusedNamingTheFieldOrValid()
    {
        var ns = _ns!.Name;
        var baseline = await CheckAsync(new SpecMutation("example (unchanged)", "spec", BaseIntake()), ns);
        Assert.True(baseline is { Verdict: Verdict.Valid, Failure: AcceptedByBoth }, $"the base intake is not valid: {baseline}");
        var mutations = IntakeSpecMutations.Of(BaseIntake());
        var clock = Stopwatch.StartNew();

        var outcomes = new Outcome[mutations.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, mutations.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, _) => outcomes[i] = await CheckAsync(mutations[i], ns));
        var checkedIn = clock.Elapsed;
        // One intake per field the operator named, all in one namespace: the controller lists them together,
        // so one it cannot read would stall them all.
        var sample = outcomes.Where(o => o.Verdict == Verdict.RefusedByOperator && o.Failure is null).DistinctBy(o => o.NamedBy).ToList();
        var controllerFailures = await ReconcileSampleAsync(sample, ns);

        var counts = string.Join(", ", outcomes.GroupBy(o => o.Failure is null ? o.Verdict.ToString() : "Failed").Select(g => $"{g.Count()} {g.Key}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mutations.Count} mutations checked in {checkedIn.TotalSeconds:0.0}s: {counts}; {sample.Count} of the operator's refusals through the real controller; total {clock.Elapsed.TotalSeconds:0.0}s"));
        foreach (var refused in sample)
        {
            output.WriteLine($"through the controller: {refused.Case.Name}: {refused.Detail}");
        }

        foreach (var valid in outcomes.Where(o => o.Verdict == Verdict.Valid))
        {
            output.WriteLine($"valid: {valid.Case.Name}: {valid.Detail}");
        }

        var failures = outcomes.Where(o => o.Failure is not null).Select(o => $"{o.Case.Name}: {o.Failure}").Concat(controllerFailures).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Count} cases failed:\n" + string.Join('\n', failures));
    }

    private enum Verdict { RefusedByApiServer, RefusedByOperator, Valid }

    private sealed record Outcome(SpecMutation Case, Verdict Verdict, string Detail, string? Failure = null, string? NamedBy = null)
    {
        public override string ToString() => $"{Case.Name}: {Verdict} ({Detail}){(Failure is null ? "" : $" FAILED: {Failure}")}";
    }

    private async Task<Outcome> CheckAsync(SpecMutation mutation, string ns)
    {
        string accepted;
        try
        {
            using var response = await cluster.Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(
                mutation.Intake, V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, dryRun: "All");
            accepted = ((JsonElement)response.Body).GetRawText();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            var message = StatusMessage(e.Response.Content);
            var listed = ValidSpecMutations.All.FirstOrDefault(v => v.Case.IsMatch(mutation.Name));
            var failure = listed.Case is not null ? $"a valid change ({listed.Why}) refused by the apiserver: {message}"
                : NamesPath(message, mutation.Path) ? null
                : $"the apiserver's refusal does not name {mutation.Path}: {message}";
            return new Outcome(mutation, Verdict.RefusedByApiServer, message, failure);
        }

        V1Alpha1SentinelOneIdentityIntake intake;
        try
        {
            intake = KubernetesJson.Deserialize<V1Alpha1SentinelOneIdentityIntake>(accepted);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // The watch lists every intake at once: one the operator cannot read stops it reading any.
            return new Outcome(mutation, Verdict.Valid, accepted, $"the apiserver accepted it, the operator cannot read it: {e.GetType().Name}: {e.Message}");
        }

        IReadOnlyList<SpecProblem> problems;
        try
        {
            (problems, _, _) = await new SpecValidator(cluster.Client).ValidateAsync(intake, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(mutation, Verdict.Valid, accepted, $"the operator's validation threw {e.GetType().Name}: {e.Message}");
        }

        // What the validator leaves to the apiserver: the Kubernetes-typed collector fields, refused when the
        // reconciler applies the Deployment (reported as ApplyFailed on spec.collector).
        if (problems.Count == 0)
        {
            try
            {
                if (await DeploymentRefusalAsync(intake, ns) is { } refusal)
                {
                    problems = [new SpecProblem(ConditionReasons.ApplyFailed, "spec.collector", refusal)];
                }
            }
            catch (Exception e) when (e is not (OutOfMemoryException or HttpOperationException))
            {
                return new Outcome(mutation, Verdict.Valid, accepted, $"building the Deployment threw {e.GetType().Name}: {e.Message}");
            }
        }

        var shown = string.Join("; ", problems);
        var valid = ValidSpecMutations.All.FirstOrDefault(v => v.Case.IsMatch(mutation.Name));
        if (problems.Count > 0)
        {
            var namedBy = NamingField(problems, mutation);
            var failure = valid.Case is not null ? $"a valid change ({valid.Why}) refused by the operator: {shown}"
                : namedBy is null ? $"the operator's refusal does not name {mutation.Path}: {shown}"
                : null;
            return new Outcome(mutation, Verdict.RefusedByOperator, shown, failure, namedBy);
        }

        var pruned = mutation.Name.EndsWith("+ unknown key", StringComparison.Ordinal)
            && !accepted.Contains(IntakeSpecMutations.UnknownKey, StringComparison.Ordinal);
        return new Outcome(mutation, Verdict.Valid, pruned ? "pruned by the apiserver" : valid.Why ?? Excerpt(accepted),
            pruned || valid.Case is not null ? null : AcceptedByBoth);
    }

    // A server-side dry run of the Deployment the reconciler would apply: its refusal, or null.
    private async Task<string?> DeploymentRefusalAsync(V1Alpha1SentinelOneIdentityIntake intake, string ns)
    {
        if (intake.Spec.Collector is null)
        {
            return null;
        }

        intake.Metadata.NamespaceProperty = ns;
        intake.Metadata.Uid ??= Guid.NewGuid().ToString();
        var deployment = DeploymentBuilder.Build(intake, new IntakeControllerOptions { GrpcProbes = false }, "");
        try
        {
            await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(
                new V1Patch(KubernetesJson.Serialize(deployment), V1Patch.PatchType.ApplyPatch), deployment.Metadata.Name, ns,
                dryRun: "All", fieldManager: IntakeNames.FieldManager, force: true);
            return null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            return $"Deployment rejected: {StatusMessage(e.Response.Content)}";
        }
    }

    // The real controller on a sample of the operator's refusals: each intake ends Stalled=True naming its field.
    private async Task<List<string>> ReconcileSampleAsync(IReadOnlyList<Outcome> sample, string ns)
    {
        var names = new List<(Outcome Outcome, string Name)>();
        foreach (var (outcome, i) in sample.Select((o, i) => (o, i)))
        {
            var intake = outcome.Case.Intake.DeepClone().AsObject();
            var name = $"sample-{i}";
            intake["metadata"] = new JsonObject { ["name"] = name };
            await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
                intake, V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns, V1Alpha1SentinelOneIdentityIntake.Plural);
            names.Add((outcome, name));
        }

        await using var run = await RunningOperator.StartAsync(cluster, namespaces: [ns]);
        var failures = new List<string>();
        foreach (var (outcome, name) in names)
        {
            try
            {
                await ClusterWait.ForAsync(
                    t => cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                        V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                        V1Alpha1SentinelOneIdentityIntake.Plural, name, t)!,
                    i => i?.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled) is { Status: "True" } stalled
                        && stalled.Message?.Contains($"{outcome.NamedBy}: ", StringComparison.Ordinal) == true,
                    Patience, $"{name} ({outcome.Case.Name}) Stalled=True naming the field");
            }
            catch (TimeoutException e)
            {
                failures.Add($"{outcome.Case.Name} through the controller: {e.Message}\n{run.Log}");
            }
        }

        // Refused specs are a status, never a failing reconcile retried with backoff.
        if (run.FailedReconcilesIn(ns) > 0)
        {
            failures.Add($"{run.FailedReconcilesIn(ns)} reconciles failed:\n{run.Log}");
        }

        return failures;
    }

    // The apiserver names a field by its path; v1.20 names a list item's field without the index.
    private static bool NamesPath(string message, string path) =>
        message.Contains(path, StringComparison.Ordinal) || message.Contains(IntakeSpecMutations.WithoutIndices(path), StringComparison.Ordinal);

    // The field of the first problem naming the mutated node: the node itself, a field inside it (a removed
    // section's required field), or an enclosing field below spec (a Secret reference for its name, the
    // collector for its resources); a backfill is named by its name.
    private static string? NamingField(IEnumerable<SpecProblem> problems, SpecMutation mutation) =>
        problems.FirstOrDefault(p => p.Message.Length > 0 && Covers(p.Field, mutation))?.Field;

    private static bool Covers(string field, SpecMutation mutation)
    {
        var backfill = (string?)ExampleIntakeJson.Load()["spec"]!["backfills"]![0]!["name"];
        var paths = new[]
        {
            mutation.Path,
            IntakeSpecMutations.WithoutIndices(mutation.Path),
            mutation.Path.Replace("spec.backfills[0]", $"spec.backfills[{backfill}]", StringComparison.Ordinal),
        };
        return field != "spec" && paths.Any(path => path == field || Inside(path, field) || Inside(field, path));
    }

    private static bool Inside(string inner, string outer) =>
        inner.StartsWith(outer + ".", StringComparison.Ordinal) || inner.StartsWith(outer + "[", StringComparison.Ordinal);

    private static string StatusMessage(string? content)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Status>(content ?? "").Message ?? content ?? "";
        }
        catch (JsonException)
        {
            return content ?? "";
        }
    }

    private static string Excerpt(string json)
    {
        var spec = JsonNode.Parse(json)?["spec"]?.ToJsonString() ?? json;
        return spec.Length > 300 ? new StringBuilder(spec, 0, 300, 303).Append("...").ToString() : spec;
    }
}
