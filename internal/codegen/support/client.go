package support

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Client sends the package's operations to a GraphQL endpoint, one POST
// request each, as the GraphQL over HTTP specification describes.
//
// Header adds the headers every request needs, authentication first. For
// Railway, with an account or workspace token:
//
//	c := &Client{Endpoint: "https://backboard.railway.com/graphql/v2", Header: func(h http.Header) {
//		h.Set("Authorization", "Bearer "+os.Getenv("RAILWAY_API_TOKEN"))
//	}}
//
// and with a project token:
//
//	c.Header = func(h http.Header) { h.Set("Project-Access-Token", os.Getenv("RAILWAY_TOKEN")) }
type Client struct {
	// Endpoint is the GraphQL endpoint's URL.
	Endpoint string
	// HTTPClient sends the requests; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Header, when set, is called with every request's headers.
	Header func(http.Header)
}

// GraphQLError is one error of a GraphQL response.
type GraphQLError struct {
	Message   string            `json:"message"`
	Locations []GraphQLLocation `json:"locations,omitempty"`
	// Path leads to the response field the error is about: field names
	// (string) and list indexes (float64).
	Path []any `json:"path,omitempty"`
	// Extensions are what the server adds, such as an error code.
	Extensions map[string]any `json:"extensions,omitempty"`
}

// GraphQLLocation is a place in the operation's document.
type GraphQLLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Error returns the message, after the path when there is one.
func (e *GraphQLError) Error() string {
	if len(e.Path) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Path))
	for i, p := range e.Path {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, ".") + ": " + e.Message
}

// GraphQLErrors is the error an operation returns when the response
// carries errors. The response's data, whole or partial, is returned
// beside it when the server sent any: a field that failed is null there.
type GraphQLErrors []*GraphQLError

// Error joins the errors' messages.
func (errs GraphQLErrors) Error() string {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return "graphql: " + strings.Join(msgs, "; ")
}

// HTTPError is the error an operation returns when the server answers with
// something other than a GraphQL response, such as a proxy's error page.
type HTTPError struct {
	StatusCode int
	// Body is the start of the response's body.
	Body string
}

// Error says what the server answered.
func (e *HTTPError) Error() string {
	return "graphql: the server answered " + strconv.Itoa(e.StatusCode) + " " + http.StatusText(e.StatusCode) +
		" without a GraphQL response: " + strconv.Quote(e.Body)
}

// maxResponseBytes bounds the response read: the server is not trusted to
// end it.
const maxResponseBytes = 64 << 20

// execute sends an operation and decodes its response's data into R.
func execute[R any](ctx context.Context, c *Client, operationName, document string, variables any) (*R, error) {
	if c == nil || c.Endpoint == "" {
		return nil, errors.New("graphql: the Client has no Endpoint")
	}
	body, err := json.Marshal(struct {
		Query         string `json:"query"`
		OperationName string `json:"operationName"`
		Variables     any    `json:"variables"`
	}{document, operationName, variables})
	if err != nil {
		return nil, fmt.Errorf("graphql: %s: encode the variables: %w", operationName, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("graphql: %s: %w", operationName, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	if c.Header != nil {
		c.Header(req.Header)
	}
	httpClient := c.HTTPClient
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("graphql: %s: %w", operationName, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("graphql: %s: read the response: %w", operationName, err)
	}
	if len(data) > maxResponseBytes {
		return nil, fmt.Errorf("graphql: %s: the response is larger than %d bytes", operationName, maxResponseBytes)
	}
	return decodeResponse[R](resp.StatusCode, data)
}

// decodeResponse reads a GraphQL response: its data, and its errors as
// GraphQLErrors.
func decodeResponse[R any](status int, body []byte) (*R, error) {
	var head struct {
		Data   json.RawMessage `json:"data"`
		Errors GraphQLErrors   `json:"errors"`
	}
	if err := json.Unmarshal(body, &head); err != nil || (head.Data == nil && head.Errors == nil) {
		return nil, &HTTPError{StatusCode: status, Body: start(body)}
	}
	var data *R
	if !isJSONNull(head.Data) {
		data = new(R)
		if err := json.Unmarshal(head.Data, data); err != nil {
			return nil, fmt.Errorf("graphql: decode the response: %w", err)
		}
	}
	if len(head.Errors) > 0 {
		return data, head.Errors
	}
	if data == nil {
		return nil, &HTTPError{StatusCode: status, Body: start(body)}
	}
	return data, nil
}

// start is the start of a body, for an error message.
func start(body []byte) string {
	const max = 200
	if len(body) > max {
		return strings.ToValidUTF8(string(body[:max]), "") + "…"
	}
	return strings.ToValidUTF8(string(body), "")
}
