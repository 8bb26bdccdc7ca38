module github.com/schemawatch/schemawatch

go 1.26.8

require (
	github.com/dave/jennifer v1.7.1
	github.com/vektah/gqlparser/v2 v2.5.64
	golang.org/x/mod v0.42.0
)

require github.com/agnivade/levenshtein v1.2.2 // indirect
