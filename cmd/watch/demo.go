package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/redact"
)

const demoUsage = `Usage: watch demo

Starts the embedded demo API (our own schema, modelled on Railway's
resources) on a loopback port, introspects it over HTTP with a throwaway
token, exactly as it would Railway's API, and prints the canonical SDL.
No token and no network are needed.
`

func runDemo(ctx context.Context, args []string, env *environment) int {
	fs := cli.NewFlagSet("watch demo")
	red := redact.New()
	if stop, err := cli.Parse(fs, args, demoUsage, env.stdout); stop {
		if err != nil {
			return cli.Fail(env.stderr, "watch demo", red, cli.ExitUsage, err)
		}
		return cli.ExitOK
	}
	token := rand.Text()
	red.Add(token)
	logger := cli.Logger(env.stderr, red, slog.LevelInfo)

	srv, err := demo.NewServer(demo.Schema(demo.V2), demo.Options{BearerToken: token})
	if err != nil {
		return cli.Fail(env.stderr, "watch demo", red, cli.ExitUsage, err)
	}
	endpoint, err := demo.Listen(srv)
	if err != nil {
		return cli.Fail(env.stderr, "watch demo", red, cli.ExitRemote, err)
	}
	defer endpoint.Close()

	client := &introspect.Client{
		Endpoint:    endpoint.URL,
		Credentials: introspect.Credentials{Token: token, Kind: introspect.Bearer, Source: "the demo"},
		Logger:      logger,
		UserAgent:   "schemawatch-demo",
	}
	res, err := client.Introspect(ctx)
	if err != nil {
		return cli.Fail(env.stderr, "watch demo", red, cli.ExitRemote, err)
	}
	logger.Info("introspected the demo API", "endpoint", endpoint.URL, "types", len(res.Schema.Types),
		"capabilities", fmt.Sprint(res.Schema.Capabilities.Names()))
	fmt.Fprint(env.stdout, res.Schema.PrintSDL())
	return cli.ExitOK
}
