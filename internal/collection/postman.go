package collection

// The Postman Collection Format v2.1: the parts of
// https://schema.getpostman.com/json/collection/v2.1.0/collection.json that
// the collection uses, in the order Postman writes them.

const postmanSchema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

type postmanCollection struct {
	Info     postmanInfo       `json:"info"`
	Item     []postmanFolder   `json:"item"`
	Auth     postmanAuth       `json:"auth"`
	Variable []postmanVariable `json:"variable"`
}

type postmanInfo struct {
	PostmanID   string `json:"_postman_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Schema      string `json:"schema"`
}

type postmanFolder struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	Item        []postmanItem `json:"item"`
}

type postmanItem struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Request  postmanRequest `json:"request"`
	Response []struct{}     `json:"response"`
}

type postmanRequest struct {
	Method      string          `json:"method"`
	Header      []postmanHeader `json:"header"`
	Body        postmanBody     `json:"body"`
	URL         postmanURL      `json:"url"`
	Description string          `json:"description"`
}

type postmanHeader struct {
	Key         string `json:"key"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Disabled    bool   `json:"disabled,omitempty"`
}

// postmanBody is a GraphQL body: Postman sends it as a JSON request with
// the query and the variables, which it keeps as JSON text.
type postmanBody struct {
	Mode    string         `json:"mode"`
	GraphQL postmanGraphQL `json:"graphql"`
}

type postmanGraphQL struct {
	Query     string `json:"query"`
	Variables string `json:"variables"`
}

type postmanURL struct {
	Raw  string   `json:"raw"`
	Host []string `json:"host"`
}

type postmanAuth struct {
	Type   string             `json:"type"`
	Bearer []postmanAuthParam `json:"bearer,omitempty"`
	APIKey []postmanAuthParam `json:"apikey,omitempty"`
}

type postmanAuthParam struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Type  string `json:"type"`
}

type postmanVariable struct {
	Key         string `json:"key"`
	Value       string `json:"value"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

// projectTokenHeader is the header of the other way to authenticate, which
// every request carries disabled (see describeCollection).
const projectTokenHeader = "Project-Access-Token"

const projectTokenHeaderAbout = "Tick to authenticate with a project token (the projectToken variable) instead of the token variable, which must then be empty."

// postman lays the collection out as a Postman collection. Authentication
// is the collection's, which every request inherits: see postmanAuthOf.
// Postman sends no Authorization header while the token is empty, so with
// Railway's auth ticking the project token header is all it takes to
// switch.
func (c *collection) postman() postmanCollection {
	api := c.cfg.Name
	pc := postmanCollection{
		Info: postmanInfo{
			PostmanID:   collectionID(api).String(),
			Name:        c.title,
			Description: c.about,
			Schema:      postmanSchema,
		},
		Auth:     postmanAuthOf(c.cfg.Auth),
		Variable: []postmanVariable{{Key: "baseUrl", Value: c.cfg.Endpoint, Type: "string", Description: "The GraphQL endpoint."}},
	}
	switch c.cfg.Auth.Kind {
	case AuthRailway:
		pc.Variable = append(pc.Variable,
			postmanVariable{Key: "token", Value: "", Type: "string", Description: "An account or workspace token. Set it in an environment or as the current value."},
			postmanVariable{Key: "projectToken", Value: "", Type: "string", Description: "A project token, sent when a request's Project-Access-Token header is ticked."})
	case AuthBearer, AuthHeader:
		pc.Variable = append(pc.Variable,
			postmanVariable{Key: "token", Value: "", Type: "string", Description: "The API's token. Set it in an environment or as the current value."})
	}
	var headers []postmanHeader
	if c.cfg.Auth.Kind == AuthRailway {
		headers = append(headers, postmanHeader{Key: projectTokenHeader, Value: "{{projectToken}}", Description: projectTokenHeaderAbout, Disabled: true})
	}
	for _, h := range c.cfg.configuredHeaders() {
		pc.Variable = append(pc.Variable, postmanVariable{Key: h.variable, Value: h.value, Type: "string", Description: "The value of the " + h.name + " header."})
		headers = append(headers, postmanHeader{Key: h.name, Value: "{{" + h.variable + "}}"})
	}
	if headers == nil {
		headers = []postmanHeader{}
	}
	var scratch jsonWriter
	for _, f := range c.folders {
		pf := postmanFolder{ID: f.id.String(), Name: f.Name, Description: f.about}
		for _, r := range f.requests {
			pf.Item = append(pf.Item, postmanItem{
				ID:   r.id.String(),
				Name: r.name,
				Request: postmanRequest{
					Method: "POST",
					Header: headers,
					Body: postmanBody{Mode: "graphql", GraphQL: postmanGraphQL{
						Query:     r.op.Text,
						Variables: variablesText(&scratch, r.op.Variables),
					}},
					URL:         postmanURL{Raw: "{{baseUrl}}", Host: []string{"{{baseUrl}}"}},
					Description: r.about,
				},
				Response: []struct{}{},
			})
		}
		pc.Item = append(pc.Item, pf)
	}
	return pc
}

// postmanAuthOf is the collection's auth: a bearer token or an API key
// header from the token variable, or none.
func postmanAuthOf(a Auth) postmanAuth {
	switch a.Kind {
	case AuthHeader:
		return postmanAuth{Type: "apikey", APIKey: []postmanAuthParam{
			{Key: "key", Value: a.Header, Type: "string"},
			{Key: "value", Value: "{{token}}", Type: "string"},
			{Key: "in", Value: "header", Type: "string"},
		}}
	case AuthNone:
		return postmanAuth{Type: "noauth"}
	}
	return postmanAuth{Type: "bearer", Bearer: []postmanAuthParam{{Key: "token", Value: "{{token}}", Type: "string"}}}
}

// sizeHint is a little more than the size of the file (see growHint).
func (pc *postmanCollection) sizeHint() int {
	n := fileOverhead + len(pc.Info.Description)
	for _, f := range pc.Item {
		n += growHint(len(f.Description))
		for _, it := range f.Item {
			r := &it.Request
			n += growHint(len(it.Name) + len(r.Description) + len(r.Body.GraphQL.Query) + len(r.Body.GraphQL.Variables))
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
// text, indented; written in scratch.
func variablesText(scratch *jsonWriter, vars map[string]any) string {
	scratch.reset("  ")
	scratch.object(vars)
	return string(scratch.buf)
}
