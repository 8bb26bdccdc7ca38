// Package support is the code every generated package carries besides its
// types: the three-state Optional of input fields, the decoding of
// interfaces and unions by __typename, and the @oneOf check.
//
// A generated package must import nothing but the standard library, so that
// a user can copy it anywhere; this code is therefore copied into it rather
// than imported. It lives here as a real package so that the compiler, vet
// and its tests see it; codegen embeds these files (all but this one and the
// tests) and renames their package clause.
//
// Every top-level name declared here is reserved in the generated package:
// codegen reads them from these files, so a schema type can never take one.
package support
