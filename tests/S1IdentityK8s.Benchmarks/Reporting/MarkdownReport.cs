using System.Globalization;
using System.Text;

namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>Renders <see cref="BenchResults"/> as <c>results.md</c>: context, the table, the chart, the evidence.</summary>
public static class MarkdownReport
{
    /// <summary>The chart's file name, beside <c>results.md</c>.</summary>
    public const string ChartFile = "roundtrip.svg";

    /// <summary>The whole document.</summary>
    public static string Render(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(FormattableString.Invariant(text));
        var machine = results.Machine;
        var revision = results.Revision;
        Line($"# Benchmark results");
        md.AppendLine();
        Line($"`make bench` (profile `{results.Profile}`) run on {results.Date:yyyy-MM-dd HH:mm} UTC, commit `{Short(revision.Commit)}`{(revision.Dirty ? " with uncommitted changes" : "")}{(revision.Branch is { } b ? $" (branch `{b}`)" : "")}, in {results.DurationSeconds / 60:0.0} minutes.");
        md.AppendLine();
        Line($"Machine: {machine.CpuModel}, {machine.Cores} cores, {machine.MemoryMiB / 1024.0:0.0} GiB ({machine.AvailableMemoryMiB / 1024.0:0.0} GiB available at start), kernel {machine.Kernel}, {machine.OperatingSystem}, {machine.Runtime}. Load average {machine.LoadAverageAtStart:0.00} at start, {results.LoadAverageAtEnd:0.00} at end.");
        md.AppendLine();
        md.AppendLine("The machine is shared with other builds, so absolute figures (alerts/s, seconds) vary from run to run: every comparison is a ratio against a baseline measured in the same run, and each run's note says how busy the machine was. Memory figures are one process's own. Collector: " + DescribeCollector(results.CollectorBinary) + " run as a process with a config file; the comparison patterns run as processes of their own; the emulators run in the harness process, whose CPU is reported as theirs.");
        md.AppendLine();
        md.AppendLine("| scenario | figure | measured | baseline (same run) | ratio | target | result |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var f in results.Figures)
        {
            var baseline = f.Baseline is { } q ? $"{q.Label}: {Format(q)}" : "";
            var ratio = f.Ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:0.##}×") : "";
            var result = f.Pass switch { true => "pass", false => "**miss**", null => f.Target is null ? "" : "n/a" };
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {f.Scenario} | {f.Name} | {f.Measured.Label}: {Format(f.Measured)} | {baseline} | {ratio} | {f.Target?.Text ?? ""} | {result} |"));
        }
        md.AppendLine();
        Line($"![Alerts/s against UAM round-trip time]({ChartFile})");
        md.AppendLine();
        if (results.Errors.Count > 0)
        {
            md.AppendLine("## Scenarios that failed to run");
            md.AppendLine();
            foreach (var error in results.Errors)
            {
                md.AppendLine("- " + error.ReplaceLineEndings(" "));
            }
            md.AppendLine();
        }
        md.AppendLine("## Notes and evidence");
        md.AppendLine();
        foreach (var group in results.Figures.Where(f => f.Note is not null).GroupBy(f => f.Scenario))
        {
            md.AppendLine("### " + group.Key);
            md.AppendLine();
            foreach (var f in group)
            {
                md.AppendLine($"- **{f.Name}**: {f.Note}");
            }
            md.AppendLine();
        }
        md.Append(Method);
        return md.ToString();
    }

    private static string DescribeCollector(string binary) =>
        binary.EndsWith(".dll", StringComparison.Ordinal)
            ? $"the JIT-compiled Release build output (`{binary}`, run by `dotnet`)"
            : $"the image's Native AOT binary (`{binary}`, published by `make images`)";

    /// <summary>A value with its unit, rounded for reading.</summary>
    public static string Format(Quantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        if (quantity.Value is not { } v)
        {
            return "not measured";
        }
        var number = quantity.Unit switch
        {
            "alerts/s" => v >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.0", CultureInfo.InvariantCulture),
            "MB" or "%" or "millicores" => v.ToString("0.0", CultureInfo.InvariantCulture),
            "ms" => v.ToString("#,0", CultureInfo.InvariantCulture),
            "count" or "writes" or "alerts" or "intakes" => v.ToString("#,0", CultureInfo.InvariantCulture),
            _ => v.ToString("#,0.00", CultureInfo.InvariantCulture),
        };
        return quantity.Unit is "count" ? number : $"{number} {quantity.Unit}";
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private const string Method = """
        ## How each figure is measured

        - **Round-trip bound**: the UAM emulator answers every request after a fixed latency (10, 50, 200 ms);
          both patterns have a budget of 25 UAM requests/s. The collector runs with its defaults (page 500,
          detail batches of 50, sequential or not as built) but the budget, on a 30,000-alert backlog, measured
          for 20 s; the reference pattern (Sekoia's connector: list page, then one `alert(id)` request per alert,
          one at a time, then a `/batch` push, `tests/S1IdentityK8s.Benchmarks/Patterns/ReferenceConnector.cs`)
          drains whole pages sized to last ~20 s. Alerts/s = alerts acknowledged by the intake ÷ time from UAM's
          first answer to the last acknowledgement (process start-up excluded for both). Budget bounds at
          25 requests/s: the collector ≤ 25 × 500 / 11 ≈ 1,136 alerts/s, the reference ≤ 25 × 100 / 101 ≈ 24.8.
        - **Throughput ceiling**: 200,000 alerts, no injected latency, a budget of 100 requests/s for both (the
          collector's maximum; ≤ 4,545 alerts/s with 11 requests per 500 alerts). The relay
          (`Patterns/MinimalRelay.cs`) sends the collector's own documents in the same order but only scans
          tokens and splices bytes: no parsing into objects, no merging, no dedup, no checkpoint. CPU from
          `/proc/PID/stat` of each process over the drain.
        - **Memory**: peak RSS (`VmHWM` of `/proc/PID/status`) of the collector when it has drained a backlog of
          100,000 and of 1,000,000 alerts (budget 100 requests/s).
        - **Footprint**: process start → first `grpc.health.v1.Health/Check` answering SERVING (median of several
          starts); RSS after 60 s idle (empty tenant, default 60 s poll interval); CPU over the next 60 s.
        - **Operator at scale**: a local kube-apiserver + etcd (no controller-manager, no node). Baseline: a plain
          `KubernetesClient` creating, for each intake, the intake, the children the operator creates (built by
          the operator's own builders) and a status write, 4 requests at a time. Then the operator binary (as its
          generated ClusterRole's user) while the same client applies as many intakes, until every intake has
          `status.observedGeneration`; then 60 s of steady state in which the apiserver's
          `apiserver_request_total` counts every write (nothing else writes to this apiserver); then a restart,
          timed from process start to its first reconcile (`s1identity_operator_reconciles_total`).
        """;
}
