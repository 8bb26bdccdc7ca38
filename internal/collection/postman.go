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
	var kept texts
	pc.Item = make([]postmanFolder, 0, len(c.folders))
	for _, f := range c.folders {
		pf := postmanFolder{ID: f.id.String(), Name: f.Name, Description: f.about, Item: make([]postmanItem, 0, len(f.requests))}
		for _, r := range f.requests {
			pf.Item = append(pf.Item, postmanItem{
				ID:   r.id.String(),
				Name: r.name,
				Request: postmanRequest{
					Method: "POST",
					Header: headers,
					Body: postmanBody{Mode: "graphql", GraphQL: postmanGraphQL{
						Query:     r.op.Text,
						Variables: variablesText(&scratch, &kept, r.op.Variables),
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
