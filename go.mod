module github.com/schemawatch/schemawatch

go 1.26.8

require (
	github.com/vektah/gqlparser/v2 v2.5.64
	golang.org/x/term v0.48.0
)

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
