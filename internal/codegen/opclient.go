package codegen

import (
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// This file renders the typed client of a client's operations: a file per
// operation with its document, its function, its variables and response
// types, and the package documentation that explains them.

// renderOperation renders one operation's file.
func renderOperation(f *fileWriter, d *operationDecl) {
	what := d.kind + " " + d.name
	if d.name == "" {
		what = "anonymous " + d.kind
	}
	f.Add(comment(doc{wrapText(d.document + " is the document " + d.fn + " sends: the " + what + " of " + d.id +
		", with the fragments it uses, and __typename wherever decoding needs it.")}))
	f.Const().Id(d.document).Op("=").Add(stringCode(d.text))
	f.Line()
	if d.kind != "subscription" {
		renderOperationFunc(f, d)
	}
	if d.variables != nil {
		renderStruct(f, d.variables)
	}
	renderStruct(f, d.response)
	renderMethods(f, d.response)
	for _, n := range d.nested {
		switch n := n.(type) {
		case *structDecl:
			renderStruct(f, n)
			renderMethods(f, n)
		case *abstractDecl:
			renderAbstract(f, n)
			for _, m := range n.members {
				renderStruct(f, m)
				renderMethods(f, m)
			}
		}
	}
}

// renderOperationFunc renders the function that sends an operation.
func renderOperationFunc(f *fileWriter, d *operationDecl) {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")}
	vars := jen.Code(jen.Nil())
	if d.variables != nil {
		values := make([]jen.Code, len(d.params))
		for i, p := range d.params {
			params = append(params, addType(jen.Id(p.name), p.field.typ))
			values[i] = jen.Id(p.field.name).Op(":").Id(p.name)
		}
		vars = jen.Op("&").Id(d.variables.name).Values(values...)
	}
	f.Add(comment(doc{wrapText(d.fn + " sends the " + d.kind + " " + d.document + " and returns the data of its " +
		"response. When the response carries errors, they are returned as GraphQLErrors, beside the data, whole or " +
		"partial, that the server sent.")}))
	f.Func().Id(d.fn).Params(params...).Params(jen.Op("*").Id(d.response.name), jen.Error()).Block(
		jen.Return(jen.Id("execute").Types(jen.Id(d.response.name)).Call(
			jen.Id("ctx"), jen.Id("c"), jen.Lit(d.name), jen.Id(d.document), vars,
		)),
	)
	f.Line()
}

// stringCode is a string constant: a raw string literal, which keeps a
// document readable in review, unless the text cannot be one.
func stringCode(s string) jen.Code {
	if strings.ContainsAny(s, "`\r\x00") || !utf8.ValidString(s) || strings.ContainsRune(s, '\uFEFF') {
		return jen.Lit(s)
	}
	return jen.Op("`" + s + "`")
}

// operationsDoc is the package documentation's section on the operations:
// empty without any.
func (p *pkg) operationsDoc() string {
	if len(p.operations) == 0 && len(p.skipped) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n# Operations\n\n")
	b.WriteString(wrapText("Besides the schema's types, the package has a typed function for each of a client's " +
		"operations (subscriptions have their types only), in a file of its own named after it (op_<name>.go):"))
	b.WriteString("\n\n")
	for _, item := range []string{
		"<Name>(ctx, c, variables…) sends the operation with a Client and returns *<Name>Response. A required " +
			"variable is a plain value; any other is an Optional: absent, null or a value.",
		"<Name>Response has a field for each field the operation selects, named after its alias. A non-null " +
			"field is a value and a nullable one a pointer; a list is a slice; an object is a struct of the fields " +
			"selected on it, named after its path.",
		"A selection on an interface or union is a Go interface, decoded by __typename (added to the document " +
			"sent when the operation does not select it): a struct for each type a fragment selects more fields " +
			"of, and <Path>Other for every other type, the server's future ones included.",
		"<Name>Document is the document sent, <Name>Variables the variables. The schema's types keep their " +
			"names: an operation named like one of them is <Name><OperationType> (ProjectQuery), and a name still " +
			"taken gets a suffix (_2).",
		"Client holds the endpoint, the *http.Client and a Header hook for authentication. Errors in a " +
			"response are returned as GraphQLErrors, with their paths and extensions, beside the data the server " +
			"sent.",
	} {
		b.WriteString(listItem(item))
	}
	if len(p.skipped) > 0 {
		b.WriteString("\n" + wrapText("These operations do not validate against the schema, and have no code:") + "\n\n")
		for _, o := range p.skipped {
			b.WriteString(listItem(o.String()))
		}
	}
	return b.String()
}

// operationFiles are the files of the operations, one each.
func (p *pkg) operationFiles() []fileJob {
	jobs := make([]fileJob, len(p.operations))
	for i, d := range p.operations {
		jobs[i] = fileJob{
			name:   d.file,
			render: func(f *fileWriter) { renderOperation(f, d) },
			what:   d.file + " (operation " + d.id + ")",
		}
	}
	return jobs
}
