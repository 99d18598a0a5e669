// Validate command-line outputs against a govdisclosure record schema with ajv (Draft 2020-12).
// Usage: node records.mjs SCHEMA [--ref OTHER_SCHEMA]... DOC...
// The --ref schemas (the report and finding schemas) are registered under their $id, as a
// consumer in any language would. Prints one JSON object: {file: {valid, errors}}.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const args = process.argv.slice(2);
const schemaPath = args.shift();
const refs = [];
while (args[0] === "--ref") {
  args.shift();
  refs.push(args.shift());
}
const read = (path) => JSON.parse(readFileSync(path, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addVocabulary(["x-title-zh", "x-unit", "x-enum-titles", "x-versions"]);
for (const ref of refs) ajv.addSchema(read(ref));
const validate = ajv.compile(read(schemaPath));

const out = {};
for (const path of args) {
  const valid = validate(read(path));
  out[path] = {
    valid,
    errors: (validate.errors || []).map((e) => ({ pointer: e.instancePath, keyword: e.keyword, message: e.message })),
  };
}
process.stdout.write(JSON.stringify(out));
