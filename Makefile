# schemawatch — see README.md.
GO ?= go

.PHONY: all build test demo generate bench fuzz lint fmt testdeps

all: lint test

build:
	$(GO) build ./...

# Every test. Tests that need ../shared (the Railway corpus, the reference
# GraphQL server) skip with a message when it is not there; CI always has it.
test:
	@server=$$(scripts/prepare-graphql-server) || echo "make: the reference GraphQL server is not available; its tests will skip" >&2; \
	SCHEMAWATCH_GRAPHQL_SERVER="$$server" $(GO) test ./...

# The main job on the embedded demo API: no token, no network.
demo:
	@$(GO) run ./cmd/watch demo

# Regenerates the committed Go package of the demo API (demoapi/), which
# TestDemoAPIIsUpToDate checks.
generate:
	$(GO) run ./cmd/watch generate --schema internal/demo/schema/v2.graphql --go-out demoapi --go-package demoapi

# Speed and memory goals are Go benchmarks.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Fuzzes the schema loader and the diff engine (FUZZTIME=5m by default).
FUZZTIME ?= 5m
fuzz:
	$(GO) test ./internal/diff -run '^$$' -fuzz FuzzLoadAndDiff -fuzztime $(FUZZTIME)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# Installs the reference GraphQL server's node modules (outside the project).
testdeps:
	@scripts/prepare-graphql-server >/dev/null
