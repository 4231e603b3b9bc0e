using BenchmarkDotNet.Running;
using S1IdentityK8s.Benchmarks;

// `make bench` (BENCH_ARGS="--filter *Detail*" to pick): every result is a ratio to a baseline in the same run.
BenchmarkSwitcher.FromAssembly(typeof(DetailFetchBenchmarks).Assembly).Run(args);
