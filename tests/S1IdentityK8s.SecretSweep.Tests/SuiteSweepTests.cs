using System.Text;
using S1IdentityK8s.TestSupport.Security;
using Xunit.Abstractions;

namespace S1IdentityK8s.SecretSweep.Tests;

/// <summary>
/// Every secret any test handed the product (emulator credentials, credentials in a child's environment,
/// the values of every Secret in a test namespace) against everything the product wrote during the run:
/// process output, pod logs, Events, ConfigMaps (checkpoints), Deployments, intake status, state directories
/// (checkpoints, dead letters, backfill records), and every gRPC answer the collector tests received
/// (GetStatus with <c>last_cycle_error</c>, WatchStatus, backfills, ListDeadLetters, health; errors' status details).
/// </summary>
public sealed class SuiteSweepTests(ITestOutputHelper output)
{
    // A run that recorded less than this did not exercise the product: the sweep would pass by seeing nothing.
    private static readonly Dictionary<string, int> MinimumFiles = new()
    {
        ["logs"] = 50,
        ["cluster"] = 20,
        ["state"] = 20,
        ["grpc"] = 20,
    };

    [SuiteEvidenceFact]
    public void Sweep_EverythingTheSuiteWrote_HoldsNoTestSecret()
    {
        var root = SuiteEvidence.Root!;
        var secrets = ReadSecrets(Path.Combine(root, "secrets"));
        var scanner = new SecretScanner(secrets);
        var hits = new List<SecretHit>();
        var filesByKind = new Dictionary<string, int>();
        long bytes = 0;
        foreach (var kindFolder in Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) != "secrets"))
        {
            var kind = Path.GetFileName(kindFolder);
            foreach (var file in Directory.EnumerateFiles(kindFolder))
            {
                var text = File.ReadAllText(file);
                bytes += text.Length;
                filesByKind[kind] = filesByKind.GetValueOrDefault(kind) + 1;
                hits.AddRange(scanner.Scan($"{kind}/{Path.GetFileName(file)}", text));
            }
        }

        output.WriteLine($"swept {scanner.SecretCount} secrets over {filesByKind.Values.Sum()} files ({bytes / (1024 * 1024)} MiB): "
            + string.Join(", ", filesByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        foreach (var (kind, minimum) in MinimumFiles)
        {
            Assert.True(filesByKind.GetValueOrDefault(kind) >= minimum, $"only {filesByKind.GetValueOrDefault(kind)} {kind} files recorded (expected ≥ {minimum}): the evidence is incomplete");
        }

        Assert.True(scanner.SecretCount >= 10, $"only {scanner.SecretCount} secrets recorded");
        Assert.True(hits.Count == 0, $"{hits.Count} secret occurrences:\n{string.Join('\n', hits.Take(50))}");
    }

    private static List<string> ReadSecrets(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).SelectMany(File.ReadAllLines).Where(l => l.Length > 0)
                .Select(l => Encoding.UTF8.GetString(Convert.FromBase64String(l))).Distinct(StringComparer.Ordinal).ToList()
            : [];
}
