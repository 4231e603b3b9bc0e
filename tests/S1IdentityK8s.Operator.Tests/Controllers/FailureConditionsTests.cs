using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Each cause of trouble shows as its own condition on the intake, through the real collector and the real
/// operator: SentinelOne down (SourceReachable False, then Lagging True), an alert the intake refuses
/// (deadLetteredTotal), a refused SentinelOne token and a refused intake key (CredentialsValid False).
/// A condition's lastTransitionTime moves only when its status does, and no secret reaches the status or the
/// Events.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class FailureConditionsTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    private const string Intake = "trouble";
    private const string RefusedAlertId = "refused-by-the-intake-0001";
    private const string WrongToken = "s1-token-SECRET-revoked-7f3a";
    private const string WrongKey = "sekoia-key-SECRET-rotated-91c2";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Collector_EachCause_ItsConditionAndNothingSecretShown()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "trouble");
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "s1-token-SECRET-conditions-5d1e" });
        await using var sekoia = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions
        {
            IntakeKey = "sekoia-key-SECRET-conditions-a2b4",
            RefuseEvent = raw => raw.Contains(RefusedAlertId, StringComparison.Ordinal),
        });
        var now = DateTimeOffset.UtcNow;
        uam.AddAlerts(AlertFixtures.Generate(5, now.AddMinutes(-30), now.AddMinutes(-20), seed: 81));
        await CreateSecretAsync(ns.Name, "s1-token", "token", uam.Token!);
        await CreateSecretAsync(ns.Name, "sekoia-key", "intake-key", sekoia.IntakeKey);
        var port = LocalCollector.FreePort();
        var options = new IntakeControllerOptions
        {
            GrpcProbes = false,
            StatusPollInterval = TimeSpan.FromMilliseconds(300),
            CollectorAddress = _ => new Uri($"http://127.0.0.1:{port}"),
        };
        await using var run = await RunningOperator.StartAsync(cluster, options: options);
        var intake = ValidIntake.Create(Intake);
        intake["spec"]!["sentinelOne"]!["hostname"] = $"http://{uam.Hostname}";
        intake["spec"]!["sekoia"]!["endpoint"] = sekoia.BaseAddress.ToString().TrimEnd('/');
        intake["spec"]!["collection"] = new JsonObject { ["pollInterval"] = "1s", ["settleDelay"] = "0" };
        intake["spec"]!.AsObject().Remove("backfills");
        (await cluster.Kubectl.ApplyAsync(intake.ToJsonString(), ns.Name)).EnsureSuccess();
        await ReadAsync(ns.Name, i => i.Status?.ObservedGeneration == 1, "the intake reconciled");
        await using var collector = await LocalCollector.StartAsync(cluster.Client, cluster.KubeconfigPath, ns.Name, Intake, ["s1-token", "sekoia-key"], port);

        var healthy = await ReadAsync(ns.Name, i => i.Status?.ForwardedTotal >= 5 && Is(i, ConditionTypes.SourceReachable, "True")
            && Is(i, ConditionTypes.CredentialsValid, "True") && Is(i, ConditionTypes.Lagging, "False"), "all alerts forwarded, every condition healthy");
        var credentialsSince = Condition(healthy, ConditionTypes.CredentialsValid).LastTransitionTime;

        // SentinelOne down: the source is unreachable, then the intake falls behind. Credentials stay valid:
        // their condition keeps its transition time through every status write of this phase.
        uam.Faults.FailRandomly(1.0, seed: 82);
        var down = await ReadAsync(ns.Name, i => Is(i, ConditionTypes.SourceReachable, "False") && Is(i, ConditionTypes.Lagging, "True"),
            "SourceReachable False and Lagging True while SentinelOne answers 503");
        Assert.Equal(ConditionReasons.Unreachable, Condition(down, ConditionTypes.SourceReachable).Reason);
        Assert.Contains("SentinelOne", Condition(down, ConditionTypes.SourceReachable).Message, StringComparison.Ordinal);
        Assert.Equal(ConditionReasons.Behind, Condition(down, ConditionTypes.Lagging).Reason);
        Assert.Equal(("True", credentialsSince), (Condition(down, ConditionTypes.CredentialsValid).Status, Condition(down, ConditionTypes.CredentialsValid).LastTransitionTime));
        uam.Faults.Clear();
        await ReadAsync(ns.Name, i => Is(i, ConditionTypes.SourceReachable, "True") && Is(i, ConditionTypes.Lagging, "False"), "recovered once SentinelOne answers");

        // An alert the intake refuses as content, among good ones: the batch is split, the good alerts prove the
        // key, and the refused one is dead-lettered alone and counted in the status.
        var arrived = AlertFixtures.Generate(4, DateTimeOffset.UtcNow.AddSeconds(-20), DateTimeOffset.UtcNow.AddSeconds(-19), seed: 83);
        arrived[0]["id"] = RefusedAlertId;
        uam.AddAlerts(arrived);
        await ReadAsync(ns.Name, i => i.Status?.DeadLetteredTotal == 1, "deadLetteredTotal 1 after the intake refused one alert");

        // A revoked SentinelOne token.
        uam.Token = WrongToken;
        var revoked = await ReadAsync(ns.Name, i => Is(i, ConditionTypes.CredentialsValid, "False"), "CredentialsValid False after SentinelOne refused the token");
        Assert.Equal(ConditionReasons.CredentialsRejected, Condition(revoked, ConditionTypes.CredentialsValid).Reason);
        Assert.True(Condition(revoked, ConditionTypes.CredentialsValid).LastTransitionTime > credentialsSince);
        uam.Token = "s1-token-SECRET-conditions-5d1e";
        await ReadAsync(ns.Name, i => Is(i, ConditionTypes.CredentialsValid, "True"), "CredentialsValid True once the token is accepted again");

        // A rotated intake key: the next alert is held, the credentials shown as refused.
        sekoia.IntakeKey = WrongKey;
        uam.AddAlerts(AlertFixtures.Generate(2, DateTimeOffset.UtcNow.AddSeconds(-10), DateTimeOffset.UtcNow.AddSeconds(-9), seed: 84));
        await ReadAsync(ns.Name, i => Is(i, ConditionTypes.CredentialsValid, "False"), "CredentialsValid False after the intake refused the key");

        var shown = KubernetesJson.Serialize(await ReadAsync(ns.Name, _ => true, "the intake"));
        var events = KubernetesJson.Serialize(await cluster.Client.CoreV1.ListNamespacedEventAsync(ns.Name));
        output.WriteLine(shown);
        foreach (var secret in new[] { "s1-token-SECRET-conditions-5d1e", "sekoia-key-SECRET-conditions-a2b4", WrongToken, WrongKey })
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
        }
    }

    private static bool Is(V1Alpha1SentinelOneIdentityIntake intake, string type, string status) =>
        intake.Status?.Conditions?.Any(c => c.Type == type && c.Status == status) == true;

    private static IntakeCondition Condition(V1Alpha1SentinelOneIdentityIntake? intake, string type) =>
        intake!.Status!.Conditions!.Single(c => c.Type == type);

    private async Task CreateSecretAsync(string ns, string name, string key, string value) =>
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { [key] = value } }, ns);

    private async Task<V1Alpha1SentinelOneIdentityIntake> ReadAsync(string ns, Func<V1Alpha1SentinelOneIdentityIntake, bool> condition, string what)
    {
        V1Alpha1SentinelOneIdentityIntake? last = null;
        try
        {
            return (await ClusterWait.ForAsync(
                async t => last = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                    V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                    V1Alpha1SentinelOneIdentityIntake.Plural, Intake, t),
                i => i is not null && condition(i), Patience, what))!;
        }
        catch (TimeoutException e)
        {
            var conditions = (last?.Status?.Conditions ?? []).Select(c => $"{c.Type}={c.Status}/{c.Reason}: {c.Message}");
            throw new TimeoutException($"{e.Message}\nlast status: forwarded {last?.Status?.ForwardedTotal}, lag {last?.Status?.LagSeconds}s, "
                + $"dead letters {last?.Status?.DeadLetteredTotal}\n{string.Join('\n', conditions)}", e);
        }
    }
}
