# schemawatch — see README.md.
GO ?= go

.PHONY: all build install test demo refresh-demo generate railway-baseline bench fuzz lint fmt testdeps

all: lint test

build:
	$(GO) build ./...

# Installs the watch command as $(GOBIN)/schemawatch: `go install` would
# name it watch, which procps' watch(1) already is. CGO_ENABLED=0 makes
# static binaries: net's cgo DNS resolver, the only cgo in them, cost every
# invocation the dynamic loader, libc and cgo's signal set-up (a fifth of
# the instructions of `schemawatch --version`).
GOBIN ?= $(or $(shell $(GO) env GOBIN),$(shell $(GO) env GOPATH)/bin)
install:
	CGO_ENABLED=0 $(GO) build -o $(GOBIN)/schemawatch ./cmd/watch
	CGO_ENABLED=0 $(GO) build -o $(GOBIN)/introspect ./cmd/introspect

# Every test. Tests that need ../shared (the Railway corpus, the reference
# GraphQL server) skip with a message when it is not there; CI always has it.
# The output is go test's, followed by the skipped tests and why, and then
# the package lines; the exit status is go test's.
test:
	@server=$$(scripts/prepare-graphql-server) || echo "make: the reference GraphQL server is not available; its tests will skip" >&2; \
	SCHEMAWATCH_GRAPHQL_SERVER="$$server" $(GO) run ./internal/tools/testsummary ./...

# The main job on the embedded demo API: no token, no network.
demo:
	@echo "make demo: building (a minute or two the first time on a fresh machine; seconds after)" >&2
	@$(GO) run ./cmd/watch demo

# Refreshes the committed demo outputs (snapshots/demo, demoapi/,
# collection/demo.*, reports/demo/) by running the watch cycle on this
# checkout against the embedded demo API: after a change to its schema.
refresh-demo:
	$(GO) run ./cmd/watch demo --workdir .

# Regenerates demoapi/ and collection/demo.* from the committed demo
# snapshot: after a change to a generator. Tests check both are current.
generate:
	$(GO) run ./cmd/watch generate --schema snapshots/demo --go-out demoapi --go-package demoapi \
		--collection-out collection --name demo --endpoint http://127.0.0.1:4000/graphql/v2 --auth railway

# Refreshes this repository's Railway baseline (snapshots/railway,
# railwayapi/, collection/railway.*), which its scheduled watch starts from,
# from the newest real version of Railway's schema in ../shared, with the
# project's own tools; the settings are schemawatch.yaml's. Tests check both
# that the baseline is that version and that its outputs are current.
RAILWAY_NEWEST = $(lastword $(sort $(wildcard ../shared/corpus/railway/schemas/[0-9]*.gz)))
railway-baseline:
	@test -n "$(RAILWAY_NEWEST)" || { echo "make: ../shared/corpus/railway/schemas is missing" >&2; exit 2; }
	$(GO) run ./cmd/introspect --from $(RAILWAY_NEWEST) --snapshot snapshots/railway
	$(GO) run ./cmd/watch generate --schema snapshots/railway --go-out railwayapi --go-package railwayapi \
		--collection-out collection --name railway --endpoint https://backboard.railway.com/graphql/v2

# Speed and memory: whole-process figures side by side with GraphQL
# Inspector (scripts/bench: Python 3, and Node.js for Inspector's rows;
# BENCH_RUNS runs each, 11 by default), then every Go benchmark.
bench:
	scripts/bench
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Fuzzes the schema loader and canonical printing, then the loader with the
# diff engine (FUZZTIME each, 5m by default).
FUZZTIME ?= 5m
fuzz:
	$(GO) test ./internal/schema -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
	$(GO) test ./internal/diff -run '^$$' -fuzz FuzzLoadAndDiff -fuzztime $(FUZZTIME)

# actionlint checks the workflows and, through schema-watch.yml's uses: ./,
# action.yml; it comes through the module proxy (cached after the first run).
ACTIONLINT ?= github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(ACTIONLINT)

fmt:
	gofmt -w $$(git ls-files '*.go')

# Installs the reference GraphQL server's node modules (outside the project).
testdeps:
	@scripts/prepare-graphql-server >/dev/null
