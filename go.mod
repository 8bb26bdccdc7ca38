module github.com/schemawatch/schemawatch

go 1.26.8

require (
	github.com/google/go-github/v60 v60.0.0
	github.com/vektah/gqlparser/v2 v2.5.64
)

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	github.com/google/go-querystring v1.1.0 // indirect
)
