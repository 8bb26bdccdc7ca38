// Package redact keeps secrets (API tokens, header values) out of
// everything schemawatch prints: errors, log lines and reports. Code that
// handles a secret never formats it on purpose; a Redactor is the net under
// that rule for text that comes from elsewhere, such as a server's error
// message that echoes the token back.
package redact

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"unicode/utf8"
)

// Mask replaces a secret in redacted text.
const Mask = "[REDACTED]"

// minSecretLen is the shortest value treated as a secret. Masking every "a"
// or "1" in a message would make it unreadable and protect nothing: real
// tokens are long.
const minSecretLen = 4

// Redactor masks a fixed set of secret strings.
type Redactor struct {
	secrets []string // longest first, so that a secret containing another is masked whole
}

// New returns a Redactor for the given secrets; empty and very short values
// are ignored.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	r.Add(secrets...)
	return r
}

// Add adds secrets.
func (r *Redactor) Add(secrets ...string) {
	for _, s := range secrets {
		s = strings.TrimSpace(s)
		if len(s) >= minSecretLen && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
		}
	}
	slices.SortFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
}

// String returns s with every secret masked.
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, Mask)
	}
	return s
}

// Excerpt returns s for a message: on one line (each run of white space
// made one space), every secret masked, then cut to at most limit
// characters — runes, never splitting one — with "…" marking a cut. The
// masking comes first: a secret cut in two is no longer recognisable, and
// its first half would be printed. A nil Redactor only cuts.
func (r *Redactor) Excerpt(s string, limit int) string {
	s = r.String(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Excerpt is Excerpt of a Redactor that knows no secret: for text already
// masked, or that cannot hold one.
func Excerpt(s string, limit int) string { return (*Redactor)(nil).Excerpt(s, limit) }

// Error returns err with its message masked; errors.Is and errors.As still
// see the original chain. A nil error stays nil.
func (r *Redactor) Error(err error) error {
	if err == nil || r == nil || len(r.secrets) == 0 {
		return err
	}
	return &redactedError{msg: r.String(err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// Handler wraps a slog.Handler so that messages and string attribute values
// are masked before they are written.
func (r *Redactor) Handler(h slog.Handler) slog.Handler {
	return &handler{next: h, r: r}
}

type handler struct {
	next slog.Handler
	r    *Redactor
}

func (h *handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.String(v.String()))
	case slog.KindGroup:
		attrs := v.Group()
		masked := make([]any, 0, len(attrs))
		for _, g := range attrs {
			masked = append(masked, h.attr(g))
		}
		return slog.Group(a.Key, masked...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.r.String(err.Error()))
		}
		return slog.String(a.Key, h.r.String(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, 0, len(attrs))
	for _, a := range attrs {
		masked = append(masked, h.attr(a))
	}
	return &handler{next: h.next.WithAttrs(masked), r: h.r}
}

func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{next: h.next.WithGroup(name), r: h.r}
}
