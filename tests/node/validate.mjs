// Validate JSON documents against the committed govdisclosure schema with ajv (Draft 2020-12).
// Usage: node validate.mjs SCHEMA DOC...   Prints one JSON object: {file: {valid, errors}}.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...docs] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// strict mode stays on; the schema's own annotation keywords are declared as such.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addVocabulary(["x-title-zh", "x-unit", "x-enum-titles", "x-versions"]);
const validate = ajv.compile(schema);

const out = {};
for (const path of docs) {
  const doc = JSON.parse(readFileSync(path, "utf8"));
  // A case file wraps its document: {"document": ..., "valid": ...}; an example is the document.
  const instance = Object.prototype.hasOwnProperty.call(doc, "document") ? doc.document : doc;
  const valid = validate(instance);
  out[path] = {
    valid,
    errors: (validate.errors || []).map((e) => ({ pointer: e.instancePath, keyword: e.keyword, message: e.message })),
  };
}
process.stdout.write(JSON.stringify(out));
