package testsupport

import "strings"

// WithoutCodeSpans drops the code spans of Markdown text (a run of n
// backticks up to the next run of exactly n): what is left is what GitHub
// may format, link or turn into a notification.
func WithoutCodeSpans(s string) string {
	var b strings.Builder
	run := func(i int) int {
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		return j - i
	}
	for i := 0; i < len(s); {
		if s[i] == '\\' && i+1 < len(s) {
			b.WriteString(s[i : i+2])
			i += 2
			continue
		}
		if s[i] != '`' {
			b.WriteByte(s[i])
			i++
			continue
		}
		n := run(i)
		end := -1
		for j := i + n; j < len(s); {
			if s[j] == '`' {
				m := run(j)
				if m == n {
					end = j + m
					break
				}
				j += m
				continue
			}
			j++
		}
		if end < 0 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteString(" ")
		i = end
	}
	return b.String()
}
