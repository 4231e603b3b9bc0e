using BenchmarkDotNet.Running;
using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Micro;
using S1IdentityK8s.Benchmarks.Patterns;

// Wiring only.
//   (no arguments) [--profile full|smoke | --quick] [--output DIR] [--only round-trip,...]: whole-system benchmarks (`make bench`)
//   micro [BenchmarkDotNet arguments]: the micro-benchmarks (`make bench-micro`)
//   pattern reference|relay ...: one comparison pattern, run by the whole-system benchmarks as a process of its own
switch (args.FirstOrDefault())
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(DetailFetchBenchmarks).Assembly).Run(args[1..]);
        return 0;
    case "pattern":
        return await PatternCommand.RunAsync(args[1..]);
    default:
        try
        {
            var results = await BenchRunner.RunAsync(BenchOptions.Parse(args), Console.Out);
            return results.Errors.Count == 0 ? 0 : 1;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
}
