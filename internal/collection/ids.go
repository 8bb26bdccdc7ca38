package collection

import (
	"encoding/hex"
	"strings"

	"github.com/google/uuid"
)

// idNamespace is the UUID namespace of every id schemawatch derives.
var idNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/schemawatch/schemawatch/collection"))

// An id is derived from what a thing is, never from what it holds: the API's
// name and the folder's name or the request's operation type and field. The
// same request therefore keeps its id when its selection or description
// changes, and Postman and Insomnia update it in place on re-import instead
// of adding a copy. Ids are name-based UUIDs (version 5), which is what both
// apps use for their own ids.

func collectionID(api string) uuid.UUID { return derivedID(api, "collection") }

func environmentID(api string) uuid.UUID { return derivedID(api, "environment") }

func folderID(api, folder string) uuid.UUID { return derivedID(api, "folder", folder) }

func requestID(api string, op *operation) uuid.UUID {
	return derivedID(api, "request", string(op.Type), op.Field.Name)
}

// derivedID joins the parts with a byte that no name contains, so that
// different parts never give the same id.
func derivedID(parts ...string) uuid.UUID {
	return uuid.NewSHA1(idNamespace, []byte(strings.Join(parts, "\x00")))
}

// insomniaID is an id in Insomnia's form: a prefix naming the kind of
// resource ("req", "fld", "wrk", "env"), an underscore and 32 hex digits.
// Insomnia replaces placeholder ids such as __REQ_1__ with new random ones
// on every import, which duplicates everything; these stay put.
func insomniaID(prefix string, id uuid.UUID) string {
	return prefix + "_" + hex.EncodeToString(id[:]) // id.String() without its dashes
}
