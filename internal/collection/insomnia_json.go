package collection

import "fmt"

// sizeHint is a little more than the size of the file (see scaffold).
func (e *insomniaExport) sizeHint() int {
	n := fileOverhead
	request, group := -1, -1
	requestHint := func(r *insomniaRequest) int {
		if request < 0 {
			request = scaffold(2, func(w *jsonWriter) {
				empty := *r
				empty.Name, empty.Description, empty.Body.Text = "", "", ""
				empty.writeJSON(w)
			})
		}
		return request + textHint(len(r.Name)+len(r.Description)+len(r.Body.Text))
	}
	for _, r := range e.Resources {
		switch r := r.(type) {
		case *insomniaRequest:
			n += requestHint(r) // as insomnia lays them out
		case insomniaRequest:
			n += requestHint(&r)
		case insomniaRequestGroup:
			if group < 0 {
				group = scaffold(2, func(w *jsonWriter) {
					empty := r
					empty.Name, empty.Description = "", ""
					empty.writeJSON(w)
				})
			}
			n += group + textHint(len(r.Name)+len(r.Description))
		case insomniaWorkspace:
			n += requestOverhead + textHint(len(r.Name)+len(r.Description))
		default:
			n += requestOverhead
		}
	}
	return n
}

// The Insomnia export written member by member as its json tags say (see
// jsonwrite.go).

func (e *insomniaExport) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("_type")
	w.str(e.Type)
	w.key("__export_format")
	w.int(e.Format)
	if e.Date != "" {
		w.key("__export_date")
		w.str(e.Date)
	}
	w.key("__export_source")
	w.str(e.Source)
	w.key("resources")
	if e.Resources == nil {
		w.null()
	} else {
		w.open('[')
		for _, r := range e.Resources {
			w.elem()
			writeInsomniaResource(w, r)
		}
		w.close(']')
	}
	w.close('}')
}

func writeInsomniaResource(w *jsonWriter, r any) {
	switch r := r.(type) {
	case insomniaWorkspace:
		r.writeJSON(w)
	case insomniaEnvironment:
		r.writeJSON(w)
	case insomniaRequestGroup:
		r.writeJSON(w)
	case *insomniaRequest: // as insomnia lays them out
		r.writeJSON(w)
	case insomniaRequest:
		r.writeJSON(w)
	default:
		panic(fmt.Sprintf("collection: no JSON for an Insomnia resource of type %T", r))
	}
}

func (r *insomniaWorkspace) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("_id")
	w.str(r.ID)
	w.key("_type")
	w.str(r.Type)
	w.key("parentId")
	w.strOrNull(r.ParentID)
	w.key("name")
	w.str(r.Name)
	w.key("description")
	w.str(r.Description)
	w.key("scope")
	w.str(r.Scope)
	w.close('}')
}

func (r *insomniaEnvironment) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("_id")
	w.str(r.ID)
	w.key("_type")
	w.str(r.Type)
	w.key("parentId")
	w.str(r.ParentID)
	w.key("name")
	w.str(r.Name)
	w.key("data")
	w.stringMap(r.Data)
	w.key("dataPropertyOrder")
	if r.DataPropertyOrder == nil {
		w.null()
	} else {
		w.open('{')
		for _, k := range sortedKeys(r.DataPropertyOrder) {
			w.key(k)
			w.strings(r.DataPropertyOrder[k])
		}
		w.close('}')
	}
	w.key("color")
	w.strOrNull(r.Color)
	w.key("isPrivate")
	w.bool(r.IsPrivate)
	w.key("metaSortKey")
	w.int(r.MetaSortKey)
	w.close('}')
}

func (r *insomniaRequestGroup) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("_id")
	w.str(r.ID)
	w.key("_type")
	w.str(r.Type)
	w.key("parentId")
	w.str(r.ParentID)
	w.key("name")
	w.str(r.Name)
	w.key("description")
	w.str(r.Description)
	w.key("environment")
	w.stringMap(r.Environment)
	w.key("metaSortKey")
	w.int(r.MetaSortKey)
	w.close('}')
}

func (r *insomniaRequest) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("_id")
	w.str(r.ID)
	w.key("_type")
	w.str(r.Type)
	w.key("parentId")
	w.str(r.ParentID)
	w.key("name")
	w.str(r.Name)
	w.key("description")
	w.str(r.Description)
	w.key("method")
	w.str(r.Method)
	w.key("url")
	w.str(r.URL)
	w.key("body")
	w.open('{')
	w.key("mimeType")
	w.str(r.Body.MimeType)
	w.key("text")
	w.str(r.Body.Text)
	w.close('}')
	w.key("parameters")
	w.emptyList(r.Parameters)
	w.key("headers")
	writeInsomniaHeaders(w, r.Headers)
	w.key("authentication")
	writeInsomniaAuth(w, r.Authentication)
	w.key("metaSortKey")
	w.int(r.MetaSortKey)
	w.key("isPrivate")
	w.bool(r.IsPrivate)
	w.close('}')
}

func writeInsomniaHeaders(w *jsonWriter, headers []insomniaHeader) {
	if headers == nil {
		w.null()
		return
	}
	w.open('[')
	for _, h := range headers {
		w.elem()
		w.open('{')
		w.key("name")
		w.str(h.Name)
		w.key("value")
		w.str(h.Value)
		if h.Description != "" {
			w.key("description")
			w.str(h.Description)
		}
		w.key("disabled")
		w.bool(h.Disabled)
		w.close('}')
	}
	w.close(']')
}

func writeInsomniaAuth(w *jsonWriter, auth any) {
	w.open('{')
	switch a := auth.(type) {
	case insomniaAuthentication:
		w.key("type")
		w.str(a.Type)
		w.key("token")
		w.str(a.Token)
		w.key("prefix")
		w.str(a.Prefix)
		w.key("disabled")
		w.bool(a.Disabled)
	case insomniaAPIKey:
		w.key("type")
		w.str(a.Type)
		w.key("key")
		w.str(a.Key)
		w.key("value")
		w.str(a.Value)
		w.key("addTo")
		w.str(a.AddTo)
		w.key("disabled")
		w.bool(a.Disabled)
	case struct{}:
	default:
		panic(fmt.Sprintf("collection: no JSON for Insomnia authentication of type %T", a))
	}
	w.close('}')
}

// bodyText is a request's body as Insomnia keeps it: the JSON request it
// sends, as compact text; written in scratch, kept in kept.
func (b *insomniaGraphQLRequest) bodyText(scratch *jsonWriter, kept *texts) string {
	w := scratch
	w.reset("")
	w.open('{')
	w.key("query")
	w.str(b.Query)
	w.key("operationName")
	w.str(b.OperationName)
	w.key("variables")
	w.object(b.Variables)
	w.close('}')
	return kept.keep(w.buf)
}
