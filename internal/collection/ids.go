package collection

import (
	"crypto/sha1"
	"encoding/hex"
	"hash"

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

func collectionID(api string) uuid.UUID { return new(idHasher).derive(api, "collection") }

func environmentID(api string) uuid.UUID { return new(idHasher).derive(api, "environment") }

func (d *idHasher) folderID(api, folder string) uuid.UUID { return d.derive(api, "folder", folder) }

func (d *idHasher) requestID(api string, op *operation) uuid.UUID {
	return d.derive(api, "request", string(op.Type), op.Field.Name)
}

// idHasher derives ids (see derive) one after another with one SHA-1
// state and one buffer: a collection derives one per request and folder,
// and uuid.NewSHA1 makes a new state for each.
type idHasher struct {
	h    hash.Hash
	data []byte
}

// derive is the id of the parts, joined with a byte that no name
// contains, so that different parts never give the same id: what
// uuid.NewSHA1 gives for the joined parts.
func (d *idHasher) derive(parts ...string) uuid.UUID {
	d.data = d.data[:0]
	for i, p := range parts {
		if i > 0 {
			d.data = append(d.data, 0)
		}
		d.data = append(d.data, p...)
	}
	if d.h == nil {
		d.h = sha1.New()
	}
	return uuid.NewHash(d.h, idNamespace, d.data, 5)
}

// insomniaID is an id in Insomnia's form: a prefix naming the kind of
// resource ("req", "fld", "wrk", "env"), an underscore and 32 hex digits.
// Insomnia replaces placeholder ids such as __REQ_1__ with new random ones
// on every import, which duplicates everything; these stay put.
func insomniaID(prefix string, id uuid.UUID) string {
	return prefix + "_" + hex.EncodeToString(id[:]) // id.String() without its dashes
}
