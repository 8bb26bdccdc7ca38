package collection

import "slices"

// Insomnia's export format v4: a flat list of resources, each naming its
// parent. The workspace holds the base environment (the variables) and a
// request group per folder, which holds the requests.

type insomniaExport struct {
	Type   string `json:"_type"`
	Format int    `json:"__export_format"`
	// Date is the schema's fetch time, when known: a wall-clock time here
	// would change the file on every run.
	Date      string `json:"__export_date,omitempty"`
	Source    string `json:"__export_source"`
	Resources []any  `json:"resources"`
}

type insomniaWorkspace struct {
	ID          string  `json:"_id"`
	Type        string  `json:"_type"`
	ParentID    *string `json:"parentId"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Scope       string  `json:"scope"`
}

type insomniaEnvironment struct {
	ID                string              `json:"_id"`
	Type              string              `json:"_type"`
	ParentID          string              `json:"parentId"`
	Name              string              `json:"name"`
	Data              map[string]string   `json:"data"`
	DataPropertyOrder map[string][]string `json:"dataPropertyOrder"`
	Color             *string             `json:"color"`
	IsPrivate         bool                `json:"isPrivate"`
	MetaSortKey       int                 `json:"metaSortKey"`
}

type insomniaRequestGroup struct {
	ID          string            `json:"_id"`
	Type        string            `json:"_type"`
	ParentID    string            `json:"parentId"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Environment map[string]string `json:"environment"`
	MetaSortKey int               `json:"metaSortKey"`
}

type insomniaRequest struct {
	ID             string           `json:"_id"`
	Type           string           `json:"_type"`
	ParentID       string           `json:"parentId"`
	Name           string           `json:"name"`
	Description    string           `json:"description"`
	Method         string           `json:"method"`
	URL            string           `json:"url"`
	Body           insomniaBody     `json:"body"`
	Parameters     []struct{}       `json:"parameters"`
	Headers        []insomniaHeader `json:"headers"`
	Authentication any              `json:"authentication"`
	MetaSortKey    int              `json:"metaSortKey"`
	IsPrivate      bool             `json:"isPrivate"`
}

// insomniaBody is a GraphQL body as Insomnia stores one: the JSON request
// it sends ({"query", "operationName", "variables"}) as text.
type insomniaBody struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
}

type insomniaGraphQLRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

type insomniaHeader struct {
	Name        string `json:"name"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Disabled    bool   `json:"disabled"`
}

type insomniaAuthentication struct {
	Type     string `json:"type"`
	Token    string `json:"token"`
	Prefix   string `json:"prefix"`
	Disabled bool   `json:"disabled"`
}

// insomniaAPIKey is Insomnia's API key authentication, sent in a header.
type insomniaAPIKey struct {
	Type     string `json:"type"`
	Key      string `json:"key"`
	Value    string `json:"value"`
	AddTo    string `json:"addTo"`
	Disabled bool   `json:"disabled"`
}

// insomniaAuthOf is a request's authentication: a bearer token or an API
// key header from the token variable, or none ({}).
func insomniaAuthOf(a Auth) any {
	switch a.Kind {
	case AuthHeader:
		return insomniaAPIKey{Type: "apikey", Key: a.Header, Value: "{{ _.token }}", AddTo: "header"}
	case AuthNone:
		return struct{}{}
	}
	return insomniaAuthentication{Type: "bearer", Token: "{{ _.token }}"}
}

// insomnia lays the collection out as an Insomnia export. Variables are
// the base environment's, referenced as {{ _.name }}; every request
// authenticates as the Auth says (a bearer token Insomnia leaves out while
// it is empty; with Railway's, the project token header too, disabled) and
// carries the configured headers.
//
// metaSortKey orders a folder's requests in Insomnia's sidebar, so it is the
// request's position in the folder: a request added to a folder renumbers
// those after it. Keys derived from the names would avoid that, but a
// number cannot keep the order of names that share a long prefix, as
// Railway's do (deploymentInstanceExecution…).
func (c *collection) insomnia() insomniaExport {
	api := c.cfg.Name
	workspace := insomniaID("wrk", collectionID(api))
	export := insomniaExport{Type: "export", Format: 4, Source: "schemawatch"}
	data, order := map[string]string{"baseUrl": c.cfg.Endpoint}, []string{"baseUrl"}
	headers := []insomniaHeader{{Name: "Content-Type", Value: "application/json"}}
	switch c.cfg.Auth.Kind {
	case AuthRailway:
		data["token"], data["projectToken"] = "", ""
		order = append(order, "token", "projectToken")
		headers = append(headers, insomniaHeader{Name: projectTokenHeader, Value: "{{ _.projectToken }}", Description: projectTokenHeaderAbout, Disabled: true})
	case AuthBearer, AuthHeader:
		data["token"] = ""
		order = append(order, "token")
	}
	for _, h := range c.cfg.configuredHeaders() {
		data[h.variable] = h.value
		order = append(order, h.variable)
		headers = append(headers, insomniaHeader{Name: h.name, Value: "{{ _." + h.variable + " }}"})
	}
	if !c.cfg.FetchedAt.IsZero() {
		export.Date = formatTime(c.cfg.FetchedAt)
	}
	export.Resources = append(export.Resources,
		insomniaWorkspace{ID: workspace, Type: "workspace", Name: c.title, Description: c.about, Scope: "collection"},
		insomniaEnvironment{
			ID: insomniaID("env", environmentID(api)), Type: "environment", ParentID: workspace,
			Name:              "Base Environment",
			Data:              data,
			DataPropertyOrder: map[string][]string{"&": order},
		},
	)
	auth := insomniaAuthOf(c.cfg.Auth)
	var scratch jsonWriter
	var kept texts
	// The requests in one slice, the resources pointing into it: one
	// allocation, where each request made an `any` would be one each.
	n := 0
	for _, f := range c.folders {
		n += len(f.requests)
	}
	requests := make([]insomniaRequest, 0, n)
	export.Resources = slices.Grow(export.Resources, len(c.folders)+n)
	for i, f := range c.folders {
		group := insomniaID("fld", f.id)
		export.Resources = append(export.Resources, insomniaRequestGroup{
			ID: group, Type: "request_group", ParentID: workspace,
			Name: f.Name, Description: f.about, Environment: map[string]string{}, MetaSortKey: i,
		})
		for j, r := range f.requests {
			body := insomniaGraphQLRequest{Query: r.op.Text, OperationName: r.op.Name, Variables: r.op.Variables}
			requests = append(requests, insomniaRequest{
				ID: insomniaID("req", r.id), Type: "request", ParentID: group,
				Name: r.name, Description: r.about,
				Method: "POST", URL: "{{ _.baseUrl }}",
				Body:           insomniaBody{MimeType: "application/graphql", Text: body.bodyText(&scratch, &kept)},
				Parameters:     []struct{}{},
				Headers:        headers,
				Authentication: auth,
				MetaSortKey:    j,
			})
			export.Resources = append(export.Resources, &requests[len(requests)-1])
		}
	}
	return export
}
