package ghactions

import (
	"fmt"
	"path"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Annotations are the workflow commands that mark every operation a
// change broke: an ::error at the selection that no longer validates, in
// the operation's .graphql file (repository-relative). Schema text is
// escaped, so that no message can end its command or start another.
func Annotations(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		rep := r.Outcome.Report
		if rep == nil || rep.Impact == nil {
			continue
		}
		for _, res := range rep.Impact.Operations {
			if res.Status != diff.StatusBroken {
				continue
			}
			file := path.Join(r.API.OperationsDir, res.Operation.File)
			for _, e := range res.Errors {
				title := "Operation broken by a schema change"
				msg := fmt.Sprintf("Operation %s no longer validates against %s's schema: %s", opName(res.Operation), r.API.Name, e.Message)
				if len(e.Changes) > 0 {
					c := rep.Changes[e.Changes[0]]
					title = fmt.Sprintf("Broken by %s %s", c.Type, c.Path)
					msg += " (" + c.Message + ")"
				}
				props := []string{"file=" + escapeProperty(file)}
				if e.Line > 0 {
					props = append(props, fmt.Sprintf("line=%d", e.Line))
				}
				if e.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", e.Column))
				}
				props = append(props, "title="+escapeProperty(title))
				fmt.Fprintf(&b, "::error %s::%s\n", strings.Join(props, ","), escapeData(msg))
			}
		}
	}
	return b.String()
}

func opName(op *diff.Operation) string {
	if op.Name != "" {
		return op.Name
	}
	return op.ID
}

// escapeData escapes a workflow command's message as the Actions toolkit
// does: %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: also : and ,.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
