// Prints GraphQL Inspector 8.0.0's diff of two schema files the way the
// Railway answer keys hold it (docs/breaking-changes.md §10): one change per
// line, {type, criticality, path, message}, sorted by type, path and message.
// An SDL file is first converted with introspectionFromSchema(buildSchema()),
// so that both sides are introspection results.
//
//   node inspector-diff.mjs OLD NEW
import fs from 'node:fs';
import zlib from 'node:zlib';
import { buildSchema, buildClientSchema, introspectionFromSchema } from 'graphql';
import { diff } from '@graphql-inspector/core';

function introspection(path) {
  let data = fs.readFileSync(path);
  if (path.endsWith('.gz')) data = zlib.gunzipSync(data);
  const text = data.toString('utf8');
  if (!text.trimStart().startsWith('{')) return introspectionFromSchema(buildSchema(text));
  const json = JSON.parse(text);
  if (json.data) return json.data;
  return json.__schema ? json : { __schema: json };
}

const [, , oldPath, newPath] = process.argv;
const changes = await diff(buildClientSchema(introspection(oldPath)), buildClientSchema(introspection(newPath)));
const rows = changes.map(c => ({ type: c.type, criticality: c.criticality.level, path: c.path, message: c.message }));
const key = r => [r.type, r.path ?? '', r.message];
rows.sort((a, b) => {
  const ka = key(a), kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
});
for (const r of rows) console.log(JSON.stringify(r));
