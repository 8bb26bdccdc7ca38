# schemawatch — see README.md.
GO ?= go

.PHONY: all build test demo refresh-demo generate bench fuzz lint fmt testdeps

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

# Refreshes the committed demo outputs (snapshots/demo, demoapi/,
# collection/demo.*, reports/demo/) by running the watch cycle on this
# checkout against the embedded demo API: after a change to its schema.
refresh-demo:
	$(GO) run ./cmd/watch demo --workdir .

# Regenerates demoapi/ and collection/demo.* from the committed demo
# snapshot: after a change to a generator. Tests check both are current.
generate:
	$(GO) run ./cmd/watch generate --schema snapshots/demo --go-out demoapi --go-package demoapi \
		--collection-out collection --name demo --endpoint http://127.0.0.1:4000/graphql/v2

# Speed and memory goals are Go benchmarks.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Fuzzes the schema loader and canonical printing, then the loader with the
# diff engine (FUZZTIME each, 5m by default).
FUZZTIME ?= 5m
fuzz:
	$(GO) test ./internal/schema -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
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
