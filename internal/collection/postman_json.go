package collection

// sizeHint is a little more than the size of the file (see scaffold).
func (pc *postmanCollection) sizeHint() int {
	n := fileOverhead + textHint(len(pc.Info.Description))
	folder, item := requestOverhead, requestOverhead
	for i, f := range pc.Item {
		if i == 0 {
			folder = scaffold(2, func(w *jsonWriter) {
				empty := postmanFolder{ID: f.ID}
				empty.writeJSON(w)
			})
		}
		n += folder + textHint(len(f.Name)+len(f.Description))
		for j, it := range f.Item {
			if i == 0 && j == 0 {
				item = scaffold(4, func(w *jsonWriter) {
					empty := it
					empty.Name, empty.Request.Description, empty.Request.Body.GraphQL = "", "", postmanGraphQL{}
					empty.writeJSON(w)
				})
			}
			r := &it.Request
			n += item + textHint(len(it.Name)+len(r.Description)+len(r.Body.GraphQL.Query)+len(r.Body.GraphQL.Variables))
		}
	}
	return n
}

// The Postman collection written member by member as its json tags say
// (see jsonwrite.go).

func (pc *postmanCollection) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("info")
	pc.Info.writeJSON(w)
	w.key("item")
	if pc.Item == nil {
		w.null()
	} else {
		w.open('[')
		for i := range pc.Item {
			w.elem()
			pc.Item[i].writeJSON(w)
		}
		w.close(']')
	}
	w.key("auth")
	pc.Auth.writeJSON(w)
	w.key("variable")
	if pc.Variable == nil {
		w.null()
	} else {
		w.open('[')
		for _, v := range pc.Variable {
			w.elem()
			w.open('{')
			w.key("key")
			w.str(v.Key)
			w.key("value")
			w.str(v.Value)
			w.key("type")
			w.str(v.Type)
			w.key("description")
			w.str(v.Description)
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func (i *postmanInfo) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("_postman_id")
	w.str(i.PostmanID)
	w.key("name")
	w.str(i.Name)
	w.key("description")
	w.str(i.Description)
	w.key("schema")
	w.str(i.Schema)
	w.close('}')
}

func (f *postmanFolder) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("id")
	w.str(f.ID)
	w.key("name")
	w.str(f.Name)
	w.key("description")
	w.str(f.Description)
	w.key("item")
	if f.Item == nil {
		w.null()
	} else {
		w.open('[')
		for i := range f.Item {
			w.elem()
			f.Item[i].writeJSON(w)
		}
		w.close(']')
	}
	w.close('}')
}

func (it *postmanItem) writeJSON(w *jsonWriter) {
	r := &it.Request
	w.open('{')
	w.key("id")
	w.str(it.ID)
	w.key("name")
	w.str(it.Name)
	w.key("request")
	w.open('{')
	w.key("method")
	w.str(r.Method)
	w.key("header")
	writePostmanHeaders(w, r.Header)
	w.key("body")
	w.open('{')
	w.key("mode")
	w.str(r.Body.Mode)
	w.key("graphql")
	w.open('{')
	w.key("query")
	w.str(r.Body.GraphQL.Query)
	w.key("variables")
	w.str(r.Body.GraphQL.Variables)
	w.close('}')
	w.close('}')
	w.key("url")
	w.open('{')
	w.key("raw")
	w.str(r.URL.Raw)
	w.key("host")
	w.strings(r.URL.Host)
	w.close('}')
	w.key("description")
	w.str(r.Description)
	w.close('}')
	w.key("response")
	w.emptyList(it.Response)
	w.close('}')
}

func writePostmanHeaders(w *jsonWriter, headers []postmanHeader) {
	if headers == nil {
		w.null()
		return
	}
	w.open('[')
	for _, h := range headers {
		w.elem()
		w.open('{')
		w.key("key")
		w.str(h.Key)
		w.key("value")
		w.str(h.Value)
		if h.Description != "" {
			w.key("description")
			w.str(h.Description)
		}
		if h.Disabled {
			w.key("disabled")
			w.bool(true)
		}
		w.close('}')
	}
	w.close(']')
}

func (a *postmanAuth) writeJSON(w *jsonWriter) {
	w.open('{')
	w.key("type")
	w.str(a.Type)
	if len(a.Bearer) > 0 {
		w.key("bearer")
		writePostmanAuthParams(w, a.Bearer)
	}
	if len(a.APIKey) > 0 {
		w.key("apikey")
		writePostmanAuthParams(w, a.APIKey)
	}
	w.close('}')
}

func writePostmanAuthParams(w *jsonWriter, params []postmanAuthParam) {
	w.open('[')
	for _, p := range params {
		w.elem()
		w.open('{')
		w.key("key")
		w.str(p.Key)
		w.key("value")
		w.str(p.Value)
		w.key("type")
		w.str(p.Type)
		w.close('}')
	}
	w.close(']')
}

// variablesText is a request's variables as Postman keeps them: JSON
// text, indented; written in scratch, kept in kept.
func variablesText(scratch *jsonWriter, kept *texts, vars map[string]any) string {
	scratch.reset("  ")
	scratch.object(vars)
	return kept.keep(scratch.buf)
}
