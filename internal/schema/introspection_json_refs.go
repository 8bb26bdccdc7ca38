package schema

// Type references are a third of the introspection JSON: every field and
// argument has one, a named type wrapped in NON_NULL and LIST objects, and
// a large schema names the same few hundred types thousands of times. The
// text of a reference depends only on its wrappers, its type and how deep
// it is written, so the writer writes each such reference once and copies
// it from where it first wrote it afterwards: one copy instead of a dozen
// small appends.

// typeIndex is what the writer knows of a named type: its kind, and its
// position in Schema.Types, which stands for its name in refKey.
type typeIndex struct {
	kind  Kind
	index uint32
}

// span is a stretch of the writer's buffer.
type span struct{ start, end int }

// refKey packs a reference's wrappers, its type and the depth it is
// written at into one number: two bits per wrapper (1 list, 2 non-null,
// never 0, so that the number of wrappers is part of it) in bits 6–27
// after the depth in bits 0–5, the type's index from bit 28. A reference
// too deep, or to a type the schema lacks, has none (ok false).
func (w *introspectionWriter) refKey(t *TypeRef) (key uint64, ok bool) {
	const maxWrappers = 11
	var shape uint64
	wrappers := 0
	for ; t.Kind != RefNamed; t = t.OfType {
		wrappers++
		if wrappers > maxWrappers {
			return 0, false
		}
		code := uint64(1)
		if t.Kind == RefNonNull {
			code = 2
		}
		shape = shape<<2 | code
	}
	return w.namedKey(t.Name, shape)
}

func (w *introspectionWriter) namedKey(name string, shape uint64) (key uint64, ok bool) {
	named, known := w.types[name]
	if !known || w.depth >= 64 {
		return 0, false
	}
	return uint64(w.depth) | shape<<6 | uint64(named.index)<<28, true
}

// copyWritten writes again what was written under key, if anything was.
func (w *introspectionWriter) copyWritten(key uint64) bool {
	at, seen := w.written[key]
	if !seen {
		return false
	}
	w.buf = append(w.buf, w.buf[at.start:at.end]...)
	w.empty = false
	return true
}

func (w *introspectionWriter) namedRef(name string) {
	key, ok := w.namedKey(name, 0)
	if ok && w.copyWritten(key) {
		return
	}
	start := len(w.buf)
	w.begin('{')
	w.strField(`"kind": `, string(w.types[name].kind))
	w.strField(`"name": `, name)
	w.key(`"ofType": `)
	w.buf = append(w.buf, "null"...)
	w.end('}')
	if ok {
		w.written[key] = span{start, len(w.buf)}
	}
}

func (w *introspectionWriter) typeRef(t *TypeRef) {
	if t.Kind == RefNamed {
		w.namedRef(t.Name)
		return
	}
	key, ok := w.refKey(t)
	if ok && w.copyWritten(key) {
		return
	}
	start := len(w.buf)
	w.begin('{')
	if t.Kind == RefList {
		w.strField(`"kind": `, "LIST")
	} else {
		w.strField(`"kind": `, "NON_NULL")
	}
	w.key(`"name": `)
	w.buf = append(w.buf, "null"...)
	w.key(`"ofType": `)
	w.typeRef(t.OfType)
	w.end('}')
	if ok {
		w.written[key] = span{start, len(w.buf)}
	}
}
