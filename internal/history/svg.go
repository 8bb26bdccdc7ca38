package history

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// The timeline's geometry, in SVG user units (pixels at 100%).
const (
	svgWidth   = 960
	svgHeight  = 470
	plotLeft   = 90
	plotRight  = 930
	typesTop   = 72
	fieldsTop  = 198
	panelH     = 96
	eventsTop  = 330
	eventRowH  = 30
	axisY      = 428
	fontFamily = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
)

// Colours that read on GitHub's light and dark views alike: the SVG paints
// its own white background.
const (
	colourText     = "#1f2328"
	colourMuted    = "#59636e"
	colourGrid     = "#d1d9e0"
	colourTypes    = "#0969da"
	colourFields   = "#8250df"
	colourBreaking = "#cf222e"
	colourDeprec   = "#bf8700"
	colourRemoved  = "#57606a"
)

// Timeline returns timeline.svg: the schema's size (types, fields) over
// time, each version's breaking changes, the deprecations it added and the
// elements it removed. It is plain SVG (no script, no external font or
// image), so GitHub shows it inline in CHANGELOG.md. Every text taken from
// the schema or the versions is XML-escaped.
func (l *Ledger) Timeline(title string) string {
	t := timeline{l: l}
	t.scale()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" font-size="12" fill="%s">`+"\n",
		svgWidth, svgHeight, svgWidth, svgHeight, fontFamily, colourText)
	fmt.Fprintf(&b, "<title>%s schema history</title>\n", xmlText(displayTitle(title)))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", svgWidth, svgHeight)
	fmt.Fprintf(&b, `<text x="%d" y="28" font-size="18" font-weight="bold">%s schema history</text>`+"\n", plotLeft, xmlText(displayTitle(title)))
	d := l.Deprecations()
	s := d.stats()
	summary := fmt.Sprintf("%s, %s to %s · %d deprecated now · %d removed, %d without prior deprecation",
		plural(d.Versions, "version", "versions"), d.From, d.To, s.deprecated, s.removed, s.withoutNotice)
	if s.ok {
		summary += fmt.Sprintf(" · median notice %g days", s.medianNotice)
	}
	fmt.Fprintf(&b, `<text x="%d" y="50" fill="%s">%s</text>`+"\n", plotLeft, colourMuted, xmlText(summary))
	t.breakingLines(&b)
	t.sizePanel(&b, "Types", typesTop, colourTypes, func(v *Version) int { return v.Types })
	t.sizePanel(&b, "Fields", fieldsTop, colourFields, func(v *Version) int { return v.Fields })
	t.eventRow(&b, 0, "Breaking", colourBreaking, "breaking changes", func(v *Version) int { return v.Breaking })
	t.eventRow(&b, 1, "Deprecated", colourDeprec, "elements deprecated", func(v *Version) int { return len(v.NewlyDeprecated) })
	t.eventRow(&b, 2, "Removed", colourRemoved, "elements removed", func(v *Version) int { return len(v.Removals) })
	t.axis(&b)
	b.WriteString("</svg>\n")
	return b.String()
}

// timeline maps dates to x.
type timeline struct {
	l          *Ledger
	from, span float64 // days since the epoch of the first version, days covered
}

func (t *timeline) scale() {
	if len(t.l.Versions) == 0 {
		return
	}
	t.from = dayNumber(t.l.Versions[0].Date)
	t.span = dayNumber(t.l.Versions[len(t.l.Versions)-1].Date) - t.from
}

func (t *timeline) x(date string) float64 {
	if t.span == 0 {
		return (plotLeft + plotRight) / 2
	}
	return plotLeft + (dayNumber(date)-t.from)/t.span*(plotRight-plotLeft)
}

func dayNumber(date string) float64 {
	d, _ := time.Parse(dateLayout, date)
	return float64(d.Unix() / 86400)
}

// breakingLines marks the versions with breaking changes across both size
// panels, so a drop in size lines up with its cause.
func (t *timeline) breakingLines(b *strings.Builder) {
	for _, v := range t.l.Versions {
		if v.Breaking > 0 {
			x := t.x(v.Date)
			fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-opacity="0.35" stroke-dasharray="3 3"/>`+"\n",
				x, typesTop, x, eventsTop+eventRowH/2, colourBreaking)
		}
	}
}

// sizePanel draws one measure of every version as a line with a dot per
// version, its range labelled on the left and its last value on the right.
func (t *timeline) sizePanel(b *strings.Builder, label string, top int, colour string, value func(*Version) int) {
	lo, hi := math.MaxInt, 0
	for i := range t.l.Versions {
		n := value(&t.l.Versions[i])
		lo, hi = min(lo, n), max(hi, n)
	}
	pad := max(1, (hi-lo)/10)
	ylo, yhi := max(0, lo-pad), hi+pad
	y := func(n int) float64 {
		return float64(top+panelH) - float64(n-ylo)/float64(yhi-ylo)*panelH
	}
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="%s"/>`+"\n", plotLeft, top, plotRight-plotLeft, panelH, colourGrid)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-weight="bold" fill="%s">%s</text>`+"\n", plotLeft+6, top+16, colour, label)
	for _, n := range []int{lo, hi} {
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" fill="%s">%d</text>`+"\n", plotLeft-6, y(n)+4, colourMuted, n)
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-dasharray="2 4"/>`+"\n", plotLeft, y(n), plotRight, y(n), colourGrid)
	}
	points := make([]string, len(t.l.Versions))
	for i := range t.l.Versions {
		v := &t.l.Versions[i]
		points[i] = fmt.Sprintf("%.1f,%.1f", t.x(v.Date), y(value(v)))
	}
	fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"/>`+"\n", strings.Join(points, " "), colour)
	for i := range t.l.Versions {
		v := &t.l.Versions[i]
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s %s: %d %s</title></circle>`+"\n",
			t.x(v.Date), y(value(v)), colour, v.Date, xmlText(v.Name), value(v), strings.ToLower(label))
	}
}

// eventRow draws, for each version, a circle whose area grows with a count
// (breaking changes, deprecations added, removals), labelled with it.
func (t *timeline) eventRow(b *strings.Builder, row int, label, colour, what string, count func(*Version) int) {
	cy := float64(eventsTop + row*eventRowH + eventRowH/2)
	fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" fill="%s">%s</text>`+"\n", plotLeft-6, cy+4, colour, label)
	fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>`+"\n", plotLeft, cy, plotRight, cy, colourGrid)
	most := 0
	for i := range t.l.Versions {
		most = max(most, count(&t.l.Versions[i]))
	}
	for i := range t.l.Versions {
		v := &t.l.Versions[i]
		n := count(v)
		if n == 0 || i == 0 {
			continue
		}
		r := 2.5 + 9*math.Sqrt(float64(n)/float64(most))
		x := t.x(v.Date)
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" fill-opacity="0.75"><title>%s %s: %d %s</title></circle>`+"\n",
			x, cy, r, colour, v.Date, xmlText(v.Name), n, what)
		if n*4 >= most {
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="middle" fill="%s">%d</text>`+"\n", x, cy-r-2, colour, n)
		}
	}
}

// axis draws the time axis: a tick per year, or per month for a history
// shorter than about a year and a half.
func (t *timeline) axis(b *strings.Builder) {
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`+"\n", plotLeft, axisY, plotRight, axisY, colourMuted)
	if len(t.l.Versions) == 0 {
		return
	}
	first, _ := time.Parse(dateLayout, t.l.Versions[0].Date)
	last, _ := time.Parse(dateLayout, t.l.Versions[len(t.l.Versions)-1].Date)
	monthly := last.Sub(first) < 550*24*time.Hour
	step := 1
	if years := last.Year() - first.Year(); !monthly && years > 12 {
		step = (years + 11) / 12
	}
	var tick time.Time
	if monthly {
		tick = time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	} else {
		tick = time.Date(first.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for ; !tick.After(last); tick = next(tick, monthly, step) {
		if tick.Before(first) {
			continue
		}
		x := t.x(tick.Format(dateLayout))
		label := tick.Format("2006")
		if monthly {
			label = tick.Format("Jan 2006")
		}
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>`+"\n", x, axisY, x, axisY+5, colourMuted)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" fill="%s">%s</text>`+"\n", x, axisY+19, colourMuted, label)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="11" fill="%s">Dashed red lines: versions with breaking changes. Circle area grows with the count.</text>`+"\n",
		plotLeft, svgHeight-12, colourMuted)
}

func next(t time.Time, monthly bool, step int) time.Time {
	if monthly {
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(step, 0, 0)
}

// xmlText escapes text for an SVG element's content, byte for byte as
// encoding/xml's EscapeText does (FuzzXMLTextAsEncodingXML): by hand, as
// that package's initialisation builds a map of 250 HTML entities in every
// invocation of every command, for this one function.
func xmlText(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !isXMLChar(r) || r == utf8.RuneError && width == 1 {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b.WriteString(s[last:i])
			b.WriteString(esc)
			last = i + width
		}
		i += width
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isXMLChar reports whether r may appear in an XML document (XML 1.0 §2.2).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
