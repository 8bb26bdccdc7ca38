package codegen

import (
	"github.com/dave/jennifer/jen"
)

// The methods of objects and unknown members: markers, getters and JSON (see generate.go).

// renderMethods renders the methods of an object or unknown member: the
// interface markers and getters, and the JSON methods it needs.
func renderMethods(f *fileWriter, d *structDecl) {
	renderAccessors(f, d)
	if d.hasAbstractFields() || d.unknownOf != nil {
		renderUnmarshal(f, d)
	}
	if d.unknownOf != nil {
		f.Add(comment(doc{wrapText("MarshalJSON writes Raw, the object as the server sent it; without Raw, the fields.")}))
		f.Func().Params(jen.Id("v").Id(d.name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.If(jen.Id("v").Dot("Raw").Op("!=").Nil()).Block(jen.Return(jen.Id("v").Dot("Raw"), jen.Nil())),
			marshalPlain(d.name),
		)
		f.Line()
	}
}

// renderAccessors renders the interface markers and getters of an object
// or unknown member.
func renderAccessors(f *fileWriter, d *structDecl) {
	if f.mode == emitDirect {
		if direct, ok := directMethodsOf(d, &f.docs); ok {
			f.addDirect(direct)
			return
		}
	}
	for _, m := range d.markers {
		f.Func().Params(jen.Op("*").Id(d.name)).Id(m).Params().Block()
	}
	if len(d.markers) > 0 {
		f.Line()
	}
	for _, g := range d.getters {
		f.Add(comment(getterDoc(g)))
		addType(f.Func().Params(jen.Id("v").Op("*").Id(d.name)).Id(g.name).Params(), g.typ).Block(
			jen.Return(jen.Id("v").Dot(g.goField)),
		)
		f.Line()
	}
}

// marshalPlain ends a MarshalJSON of v, a typeName: it encodes v as a type
// with v's fields and without its methods, so as not to call itself.
func marshalPlain(typeName string) jen.Code {
	return jen.Add(
		jen.Type().Id("plain").Id(typeName).Line(),
		jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("v")))),
	)
}

// renderUnmarshal renders the UnmarshalJSON of a struct with interface or
// union fields, or of an unknown member. The struct's other fields decode
// through a copy of its type without methods; the interface and union
// fields, shadowed by raw JSON fields of the same JSON name, decode by
// __typename afterwards.
func renderUnmarshal(f *fileWriter, d *structDecl) {
	var abstract []*fieldDecl
	for _, fd := range d.fields {
		if fd.abstract != nil {
			abstract = append(abstract, fd)
		}
	}
	var what string
	switch {
	case len(abstract) > 0 && d.unknownOf != nil:
		what = "UnmarshalJSON keeps the JSON in Raw and decodes the interface and union fields by their __typename."
	case len(abstract) > 0:
		what = "UnmarshalJSON decodes the interface and union fields by their __typename."
	default:
		what = "UnmarshalJSON decodes the fields and keeps the JSON in Raw."
	}
	body := []jen.Code{jen.Type().Id("plain").Id(d.name)}
	if len(abstract) == 0 {
		body = append(body,
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v"))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		)
	} else {
		body = append(body,
			jen.Var().Id("raw").StructFunc(func(g *jen.Group) {
				g.Op("*").Id("plain")
				for _, fd := range abstract {
					g.Id(fd.name).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": fd.jsonName})
				}
			}),
			jen.Id("raw").Dot("plain").Op("=").Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("raw")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Var().Err().Error(),
		)
		for _, fd := range abstract {
			body = append(body, jen.If(
				jen.List(jen.Id("v").Dot(fd.name), jen.Err()).Op("=").Add(decodeCall(fd.typ, fd.abstract, jen.Id("raw").Dot(fd.name))),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(decodeErrorFormat(d.graphQLName, fd.jsonName)), jen.Err()))))
		}
	}
	if d.unknownOf != nil {
		body = append(body, jen.Id("v").Dot("Raw").Op("=").Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("data").Op("...")))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Add(comment(doc{wrapText(what)}))
	f.Func().Params(jen.Id("v").Op("*").Id(d.name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
	f.Line()
}

// decodeCall is the call that decodes data, JSON of Go type t, whose core
// is the interface or union a: its decoder, or decodeList around it once
// per list.
func decodeCall(t *goType, a *abstractDecl, data jen.Code) jen.Code {
	if t.kind != goSlice {
		return jen.Id(a.decoder).Call(data)
	}
	return jen.Id("decodeList").Call(data, decodeFunc(t.elem, a))
}

// decodeFunc is a function that decodes JSON of Go type t.
func decodeFunc(t *goType, a *abstractDecl) jen.Code {
	if t.kind != goSlice {
		return jen.Id(a.decoder)
	}
	return jen.Func().Params(jen.Id("data").Index().Byte()).Params(typeCode(t), jen.Error()).Block(
		jen.Return(decodeCall(t, a, jen.Id("data"))),
	)
}

// decodeErrorFormat is the format of the error that says which field did
// not decode. It starts with a word in lower case, as Go's error strings
// do (staticcheck's ST1005), not with the type's name.
func decodeErrorFormat(typeName, field string) string {
	return "decoding " + typeName + "." + field + ": %w"
}
