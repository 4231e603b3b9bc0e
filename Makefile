# The commands the README gives. `make test` installs what it needs (see tests/run-all.sh).
.PHONY: test build images run run-collector stop bench format

# Without a filter BenchmarkDotNet asks interactively; the short job keeps a full run to a few minutes.
BENCH_ARGS ?= --filter '*' --job short

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

bench:
	dotnet run -c Release --project tests/S1IdentityK8s.Benchmarks -- $(BENCH_ARGS)
