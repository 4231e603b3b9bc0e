# The commands the README gives. `make test` installs what it needs (see tests/run-all.sh).
.PHONY: test build images run run-collector stop bench bench-micro soak format

# `make bench`: whole-system benchmarks of the built collector and operator (~20-25 min on 2 cores), results
# in docs/benchmarks/. BENCH_ARGS narrows it: `--only round-trip,throughput,memory,footprint,operator`,
# `--quick` (every scenario at a tiny size, ~1-2 min), `--output DIR`.
BENCH_ARGS ?=
# `make bench-micro`: BenchmarkDotNet micro-benchmarks. Without a filter BenchmarkDotNet asks interactively;
# the short job keeps a full run to a few minutes.
BENCH_MICRO_ARGS ?= --filter '*' --job short

test:
	./tests/run-all.sh

build:
	dotnet build S1IdentityK8s.sln -c Release -warnaserror

format:
	dotnet format S1IdentityK8s.sln

# The collector, operator and pause images as archives in artifacts/images/ (no Docker needed).
images:
	./hack/images/build.sh

run:
	./hack/sandbox/run.sh

run-collector:
	./hack/sandbox/run.sh standalone

stop:
	./hack/sandbox/stop.sh

# Builds what it runs: the operator scenario needs the local control plane's binaries, like `make test`, and
# the collector measured is the image's Native AOT binary (`make images`, rebuilt only when sources change).
bench:
	./hack/local-cluster/install.sh
	./hack/images/build.sh
	dotnet build tests/S1IdentityK8s.Benchmarks -c Release -warnaserror -nologo -v q
	dotnet tests/S1IdentityK8s.Benchmarks/bin/Release/net10.0/S1IdentityK8s.Benchmarks.dll $(BENCH_ARGS)

# The chaos soak at full size: 200,000 alerts, a SIGKILL every few thousand, faults on both sides. Replay a
# run with S1K8S_SOAK_SEED=<the seed it printed>; `make test` runs the same test at 3,000 alerts.
soak:
	dotnet build tests/S1IdentityK8s.Collector.Tests -c Release -warnaserror -nologo -v q
	S1K8S_SOAK_ALERTS=$${S1K8S_SOAK_ALERTS:-200000} dotnet test tests/S1IdentityK8s.Collector.Tests -c Release --no-build --nologo \
	  --filter "FullyQualifiedName~ChaosSoakTests" --logger "console;verbosity=detailed"

bench-micro:
	dotnet run -c Release --project tests/S1IdentityK8s.Benchmarks -- micro $(BENCH_MICRO_ARGS)
