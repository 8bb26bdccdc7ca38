package watch

import (
	"fmt"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// A real API does not delete most of itself in an hour; a proxy, a
// maintenance page or a half-deployed gateway answering in its place does.
// A change that removes more than this share of the committed schema's
// types or fields is held back unless the API allows it.
const massRemovalShare = 0.5

// removal counts what a change removes of the committed schema.
type removal struct {
	types, fields           int // removed
	totalTypes, totalFields int // in the committed schema
}

func countRemoval(prev, live *schema.Schema) removal {
	var r removal
	for _, t := range prev.Types {
		r.totalTypes++
		fields := fieldNames(t)
		r.totalFields += len(fields)
		lt := live.Type(t.Name)
		if lt == nil {
			r.types++
			r.fields += len(fields)
			continue
		}
		kept := map[string]bool{}
		for _, name := range fieldNames(lt) {
			kept[name] = true
		}
		for _, name := range fields {
			if !kept[name] {
				r.fields++
			}
		}
	}
	return r
}

func fieldNames(t *schema.Type) []string {
	var names []string
	for _, f := range t.Fields {
		names = append(names, f.Name)
	}
	for _, f := range t.InputFields {
		names = append(names, f.Name)
	}
	return names
}

// suspect reports whether the removal is too large to be a release.
func (r removal) suspect() bool {
	return float64(r.types) > massRemovalShare*float64(r.totalTypes) ||
		float64(r.fields) > massRemovalShare*float64(r.totalFields)
}

// ErrMassRemoval is the error of a cycle that held back a change removing
// most of the schema.
type ErrMassRemoval struct{ removal }

func (e *ErrMassRemoval) Error() string {
	return fmt.Sprintf("the live schema removes %d of %d types and %d of %d fields of the committed snapshot: "+
		"held back as suspect (a proxy or an outage answering for the API?), nothing published. "+
		"If the API really shrank, rerun with --allow-mass-removal or set allowMassRemoval: true for this API",
		e.types, e.totalTypes, e.fields, e.totalFields)
}

// checkMassRemoval returns an *ErrMassRemoval for a suspect change the API
// does not allow.
func checkMassRemoval(api API, prev, live *schema.Schema) error {
	if api.AllowMassRemoval {
		return nil
	}
	if r := countRemoval(prev, live); r.suspect() {
		return &ErrMassRemoval{r}
	}
	return nil
}
