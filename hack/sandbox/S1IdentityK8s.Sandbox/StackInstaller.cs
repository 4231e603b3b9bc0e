using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Stack;

namespace S1IdentityK8s.Sandbox;

/// <summary>What `make run` does on any cluster: install the chart, apply the intake, wait for it to be Ready.</summary>
public sealed class StackInstaller(HelmRunner helm, KubectlRunner kubectl, string runDirectory)
{
    /// <summary>The helm release.</summary>
    public const string Release = "s1identity";

    /// <summary>The release namespace.</summary>
    public const string OperatorNamespace = "s1identity-system";

    /// <summary>The intake's namespace.</summary>
    public const string IntakeNamespace = "soc";

    /// <summary>Installs the operator chart and applies <paramref name="intake"/>; returns once the intake is Ready.</summary>
    public async Task InstallAsync(IntakeManifest intake, IEnumerable<string> chartSettings, TimeSpan patience, CancellationToken cancellationToken)
    {
        Console.WriteLine($"helm upgrade --install {Release} charts/s1identity-operator -n {OperatorNamespace} --wait ...");
        (await OperatorRelease.InstallAsync(helm, Release, OperatorNamespace, patience, chartSettings, cancellationToken)).EnsureSuccess();
        var manifestPath = Path.Combine(runDirectory, "intake.yaml");
        // Kept for the user to read and re-apply; it holds the credentials, so only its owner may read it.
        await File.WriteAllTextAsync(manifestPath, "", cancellationToken);
        File.SetUnixFileMode(manifestPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(manifestPath, intake.ToYaml(), cancellationToken);
        var ns = $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {IntakeNamespace}\n";
        (await kubectl.ApplyAsync(ns)).EnsureSuccess();
        Console.WriteLine($"kubectl apply -n {IntakeNamespace} -f {Shown(manifestPath)}");
        (await kubectl.ApplyAsync(intake.ToYaml(), IntakeNamespace)).EnsureSuccess();
        Console.WriteLine($"kubectl wait -n {IntakeNamespace} --for=condition=Ready s1intake/{intake.Name} ...");
        (await kubectl.RunAsync(
            ["wait", "-n", IntakeNamespace, "--for=condition=Ready", $"s1intake/{intake.Name}", $"--timeout={(int)patience.TotalSeconds}s"],
            null, patience + TimeSpan.FromSeconds(10), cancellationToken)).EnsureSuccess();
    }

    /// <summary>A path as the user can paste it: <c>$PWD/...</c> inside the current folder, absolute elsewhere.</summary>
    public static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : $"$PWD/{relative}";
    }

    /// <summary>Prints the intakes as <c>kubectl get s1intake</c> shows them.</summary>
    public async Task ShowIntakesAsync(CancellationToken cancellationToken)
    {
        var get = await kubectl.RunAsync(["get", "s1intake", "-n", IntakeNamespace], null, null, cancellationToken);
        Console.WriteLine(get.StandardOutput.TrimEnd());
    }

    /// <summary>How to watch, call and stop what runs, for a kubeconfig at <paramref name="kubeconfigShown"/>.</summary>
    public static string Instructions(string kubeconfigShown, string intakeName) => $"""

        The intake is Ready. Try:
          export KUBECONFIG={kubeconfigShown}
          kubectl get s1intake -n {IntakeNamespace} -w                 # Ready, lag and forwarded count, live
          kubectl get pods -A -o wide                                  # the operator and collector pods
          kubectl describe s1intake -n {IntakeNamespace} {intakeName}  # conditions and backfills
          kubectl logs -n {IntakeNamespace} deploy/{intakeName}-collector         # the collector's JSON logs
          kubectl logs -n {OperatorNamespace} deploy/{Release}-s1identity-operator  # the operator's

        Call the collector's gRPC API (grpcurl; reflection is on):
          kubectl port-forward -n {IntakeNamespace} deploy/{intakeName}-collector 50051:50051 &
          TOKEN=$(kubectl get secret -n {IntakeNamespace} {intakeName}-collector-admin -o jsonpath='{"{"}.data.token{"}"}' | base64 -d)
          grpcurl -plaintext localhost:50051 list
          grpcurl -plaintext localhost:50051 grpc.health.v1.Health/Check
          grpcurl -plaintext -H "authorization: Bearer $TOKEN" localhost:50051 s1identity.collector.v1.CollectorService/GetStatus
          grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"{"}"name":"replay-1","from":"2026-11-01T00:00:00Z","to":"2026-11-01T06:00:00Z"{"}"}' \
            localhost:50051 s1identity.collector.v1.CollectorService/StartBackfill
        Or declare a backfill: kubectl edit s1intake -n {IntakeNamespace} {intakeName}   (spec.backfills[])

        Stop: make stop   (or Ctrl-C here)
        """;
}
