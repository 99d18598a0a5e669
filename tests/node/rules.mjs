// An independent evaluator of the published rule catalogue, written from docs/validation.md,
// docs/schema.md, tests/conformance/rules/README.md and the JSON in schemas/, not from the Python
// source. It runs every rule of schemas/rules.json over the rule conformance suite and compares
// its findings, messages included, with each case's `expected` and (with --python) with the
// findings govdisclosure produced for the same cases.
//
// Usage: node rules.mjs [--python FINDINGS.json] [--out JS.json] [CASES.json ...]
//   CASES.json       case files ({"cases": [...]}); default: tests/conformance/rules/cases/*.json
//   --python FILE    {case id: [finding, ...]} as govdisclosure's Finding.to_dict() gives them
//   --out FILE       write this evaluator's findings, in the same shape
// Prints one line per failing case and closes with "N passed, M failed"; exits 1 on a failure.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SUITE = join(ROOT, "tests", "conformance", "rules");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

const CATALOGUE = readJson(join(ROOT, "schemas", "rules.json"));
const RULES = CATALOGUE.rules;
const RULE_IDS = new Set(RULES.map((r) => r.id));
const FIELDS = readJson(join(ROOT, "schemas", "catalogue.json")).entries;

// ---------------------------------------------------------------------------------------------
// JSON Pointers (RFC 6901) and reading cells.

const unescape = (token) => token.replace(/~1/g, "/").replace(/~0/g, "~");
const escape = (token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
const tokens = (ptr) => (ptr === "" ? [] : ptr.slice(1).split("/").map(unescape));

// A blank cell reads as {blank: p}, p naming the first null, absent or invalid step on the way:
// a null row or table is named once, not each cell inside it (docs/validation.md, "Blank is
// never zero"). `invalid` holds the pointers of values that break the schema: they count as blank.
function reader(doc, invalid = new Set()) {
  return (ptr) => {
    let node = doc;
    let at = "";
    for (const token of tokens(ptr)) {
      at += "/" + escape(token);
      const has = node !== null && typeof node === "object" && Object.hasOwn(node, token);
      node = has ? node[token] : null;
      if (node === null || invalid.has(at)) return { blank: at };
    }
    return { value: node };
  };
}

// A reader over several documents: "/<prefix>/…" reads "…" from the document at that prefix.
// A blank is named under names[prefix] (the prefix itself by default): the pointer the finding
// gives for it, so that missing and {missing} agree.
function joint(parts, names = {}) {
  return (ptr) => {
    const prefix = Object.keys(parts).find((p) => ptr.startsWith(p + "/"));
    const found = parts[prefix](ptr.slice(prefix.length));
    return "blank" in found ? { blank: (names[prefix] ?? prefix) + found.blank } : found;
  };
}

// ---------------------------------------------------------------------------------------------
// Messages: the templates are Python str.format strings with plain {name} fields.

function format(template, fields) {
  return template.replace(/\{\{|\}\}|\{([a-z_]+)\}/g, (all, name) => {
    if (all === "{{") return "{";
    if (all === "}}") return "}";
    if (!Object.hasOwn(fields, name)) throw new Error(`no field {${name}} for ${template}`);
    const v = fields[name];
    if (v === null || v === undefined) throw new Error(`field {${name}} is null in ${template}`);
    return String(v);
  });
}

const signed = (n) => (n >= 0 ? "+" : "") + String(n);
// At most three pointers, then an ellipsis (docs/validation.md, "For implementers").
const shown = (missing) => missing.slice(0, 3).join(", ") + (missing.length > 3 ? ", …" : "");

// ---------------------------------------------------------------------------------------------
// Dates: YYYY-MM-DD, compared and subtracted as whole days.

const DAY = 86400000;
const days = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const pad = (n, w) => String(n).padStart(w, "0");
const bound = (year, spec) => (spec === null ? null : `${pad(year + spec.year_offset, 4)}-${spec.month_day}`);

// ---------------------------------------------------------------------------------------------
// One rule over one reader. Returns a finding or null (the rule holds or does not apply).

function finding(rule, values, fields) {
  const text = { ...fields, difference: signed(fields.difference) };
  return {
    rule: rule.id,
    severity: rule.severity,
    pointers: [...rule.pointers],
    message_zh: format(rule.message_zh, text),
    message_en: format(rule.message_en, text),
    expected: fields.expected,
    actual: fields.actual,
    difference: fields.difference,
    values,
    missing: [],
    checkable: true,
  };
}

function unchecked(rule, values, missing) {
  const fields = { missing_count: missing.length, missing: shown(missing) };
  return {
    rule: rule.id,
    severity: "info",
    pointers: [...rule.pointers],
    message_zh: format(rule.unchecked_zh, fields),
    message_en: format(rule.unchecked_en, fields),
    expected: null,
    actual: null,
    difference: null,
    values,
    missing,
    checkable: false,
  };
}

function read(rule, get, pointers = rule.pointers) {
  const values = {};
  const missing = [];
  const got = {};
  for (const p of rule.pointers) {
    const found = get(p);
    values[p] = "blank" in found ? null : found.value;
    got[p] = found;
  }
  for (const p of pointers) {
    if ("blank" in got[p] && !missing.includes(got[p].blank)) missing.push(got[p].blank);
  }
  return { values, missing };
}

const HOLDS = { "==": (a, e) => a === e, "<=": (a, e) => a <= e, ">=": (a, e) => a >= e };

const KINDS = {
  sum: arithmetic,
  equality: arithmetic,
  inequality: arithmetic,

  "date-window"(rule, get) {
    const { values, missing } = read(rule, get);
    if (missing.length) return unchecked(rule, values, missing);
    const [yearPtr, datePtr] = rule.pointers;
    const year = values[yearPtr];
    const date = values[datePtr];
    const first = bound(year, rule.window.start);
    const last = bound(year, rule.window.end);
    // Outside the window, the difference counts the days from the nearest end to the date:
    // negative before the first day, positive after the last.
    let difference = 0;
    if (first !== null && days(date) < days(first)) difference = days(date) - days(first);
    else if (last !== null && days(date) > days(last)) difference = days(date) - days(last);
    if (difference === 0) return null;
    return finding(rule, values, {
      expected: [first, last],
      actual: date,
      difference,
      year,
      start: first ?? "",
      end: last ?? "",
    });
  },

  "date-order"(rule, get) {
    const { values, missing } = read(rule, get);
    if (missing.length) return unchecked(rule, values, missing);
    const [earlier, later] = rule.pointers.map((p) => values[p]);
    if (days(earlier) <= days(later)) return null;
    return finding(rule, values, {
      expected: later,
      actual: earlier,
      difference: days(earlier) - days(later),
    });
  },

  deadline(rule, get) {
    const [yearPtr, publishedPtr, kindPtr, levelPtr] = rule.pointers;
    const all = read(rule, get);
    const kind = all.values[kindPtr];
    const level = all.values[levelPtr];
    const match = rule.cases.find(
      (c) => c.kind === kind && (c.levels === null || c.levels.includes(level)),
    );
    // The case is looked up first. None matching: which deadline applies depends on a blank,
    // the kind or (for a government) the level, and only that blank is named. A case without
    // a deadline: the rule does not apply, whatever else is blank.
    if (match === undefined) {
      const { values, missing } = read(rule, get, [kind === null ? kindPtr : levelPtr]);
      return unchecked(rule, values, missing);
    }
    if (match.deadline === null) return null;
    const { values, missing } = read(rule, get, [yearPtr, publishedPtr]);
    if (missing.length) return unchecked(rule, values, missing);
    const year = values[yearPtr];
    const published = values[publishedPtr];
    const deadline = bound(year, match.deadline);
    const late = days(published) - days(deadline);
    if (late <= 0) return null;
    return finding(rule, values, {
      expected: deadline,
      actual: published,
      difference: late,
      who_zh: match.who.zh,
      who_en: match.who.en,
    });
  },
};

function arithmetic(rule, get) {
  const { values, missing } = read(rule, get);
  if (missing.length) return unchecked(rule, values, missing);
  const side = (name) =>
    rule.terms.filter((t) => t.side === name).reduce((s, t) => s + t.weight * values[t.pointer], 0);
  const actual = side("actual");
  const expected = side("expected");
  if (HOLDS[rule.op](actual, expected)) return null;
  return finding(rule, values, {
    expected,
    actual,
    difference: actual - expected,
  });
}

function evaluate(rule, get) {
  const kind = KINDS[rule.kind];
  if (kind === undefined) throw new Error(`unknown rule kind ${rule.kind} (${rule.id})`);
  return kind(rule, get);
}

// ---------------------------------------------------------------------------------------------
// Schema problems, decided by ajv with the committed schema (docs/schema.md).

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addVocabulary(["x-title-zh", "x-unit", "x-enum-titles", "x-versions"]);
const schemaValid = ajv.compile(readJson(join(ROOT, "schemas", "report.schema.json")));

const COMBINATORS = new Set(["anyOf", "oneOf", "allOf", "not", "if", "then", "else"]);
const SCHEMA_IDS = {
  type: "schema.type",
  additionalProperties: "schema.unknown-key",
  required: "schema.missing-key",
  enum: "schema.enum",
  const: "schema.enum",
  pattern: "schema.pattern",
  format: "schema.pattern",
  minimum: "schema.range",
  maximum: "schema.range",
};

// One finding per (id, pointer) for the errors that say what is wrong with a value: not the
// combinators' summaries, nor the `null` alternative of a nullable field (`anyOf: [X, null]`),
// which fails whenever X is the one that applies.
function schemaFindings(doc) {
  if (schemaValid(doc)) return [];
  const out = [];
  for (const e of schemaValid.errors) {
    if (COMBINATORS.has(e.keyword)) continue;
    if (e.keyword === "type" && e.params.type === "null" && /\/anyOf\/\d+\/type$/.test(e.schemaPath))
      continue;
    let pointer = e.instancePath;
    if (e.keyword === "additionalProperties") pointer += "/" + escape(e.params.additionalProperty);
    if (e.keyword === "required") pointer += "/" + escape(e.params.missingProperty);
    const rule = SCHEMA_IDS[e.keyword] ?? "schema.invalid";
    if (!out.some((f) => f.rule === rule && f.pointers[0] === pointer))
      out.push({ rule, severity: "error", pointers: [pointer] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The three checks of the suite.

const VERSIONS = new Set(RULES.flatMap((r) => r.versions));

function checkReport(input) {
  let doc = input.value;
  if ("text" in input) {
    try {
      doc = JSON.parse(input.text);
    } catch {
      return [{ rule: "json.syntax", severity: "error", pointers: [] }];
    }
  }
  const problems = schemaFindings(doc);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return problems;
  const version = doc.template_version;
  if (!VERSIONS.has(version)) return problems;
  // An invalid cell counts as blank, so the rules binding it are not checkable.
  const invalid = new Set(problems.filter((f) => f.rule !== "schema.unknown-key").map((f) => f.pointers[0]));
  const get = reader(doc, invalid);
  const found = RULES.filter((r) => r.scope === "report" && r.versions.includes(version))
    .map((r) => evaluate(r, get))
    .filter((f) => f !== null);
  return [...problems, ...found];
}

function checkSeries(docs) {
  const out = [];
  const byYear = new Map();
  docs.forEach((doc, i) => {
    const year = doc.period.year;
    byYear.set(year, [...(byYear.get(year) ?? []), i]);
  });
  for (const [year, idx] of byYear) {
    if (idx.length > 1)
      out.push({
        rule: "series.duplicate-year",
        severity: "warning",
        pointers: idx.map((i) => `/${i}/period/year`),
      });
  }
  for (const [year, idx] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const before = byYear.get(year - 1);
    if (idx.length !== 1 || before === undefined || before.length !== 1) continue;
    const [i, j] = [idx[0], before[0]];
    const current = docs[i];
    const previous = docs[j];
    const get = joint(
      { "/current": reader(current), "/previous": reader(previous) },
      { "/current": `/${i}`, "/previous": `/${j}` },
    );
    const move = (p) => p.replace(/^\/current(?=\/|$)/, `/${i}`).replace(/^\/previous(?=\/|$)/, `/${j}`);
    for (const r of RULES) {
      if (r.scope !== "series") continue;
      if (!r.versions.includes(previous.template_version) || !r.versions.includes(current.template_version))
        continue;
      const f = evaluate(r, get);
      if (f === null) continue;
      // Messages begin with the pair of years. The finding's pointers and values point into the
      // list (missing and {missing} already do: the getter named its blanks so).
      out.push({
        ...f,
        pointers: f.pointers.map(move),
        values: Object.fromEntries(Object.entries(f.values).map(([p, v]) => [move(p), v])),
        message_zh: `${year - 1}→${year}年：${f.message_zh}`,
        message_en: `${year - 1}→${year}: ${f.message_en}`,
      });
    }
  }
  return out;
}

// The table's Roman numeral (Table III) is the English label of the table, up to its first dot.
const ROMAN = Object.fromEntries(
  FIELDS.filter((e) => e.role === "table").map((e) => [e.table, e.label_en.split(".")[0]]),
);

function cellLabel(entry) {
  const row = { zh: entry.row_path.map((l) => l.zh).join(" › "), en: entry.row_path.map((l) => l.en).join(" › ") };
  const col = { zh: entry.column_path.map((l) => l.zh).join(" › "), en: entry.column_path.map((l) => l.en).join(" › ") };
  const roman = ROMAN[entry.table];
  if (row.zh)
    return {
      cell_zh: `表${entry.table}「${row.zh}」行「${col.zh}」列`,
      cell_en: `Table ${roman}, row “${row.en}”, column “${col.en}”`,
    };
  return { cell_zh: `表${entry.table}「${col.zh}」`, cell_en: `Table ${roman}, “${col.en}”` };
}

function checkAggregate(summary, departments, complete) {
  const out = [];
  departments.forEach((d, k) => {
    if (d.period.year !== summary.period.year)
      out.push({
        rule: "aggregate.mismatch",
        severity: "warning",
        pointers: [`/departments/${k}/period/year`, "/summary/period/year"],
      });
  });
  const rule = RULES.find((r) => r.id === (complete ? "A-1" : "A-2"));
  const version = summary.template_version;
  const get = joint({
    "/summary": reader(summary),
    ...Object.fromEntries(departments.map((d, k) => [`/departments/${k}`, reader(d)])),
  });
  const cells = FIELDS.filter(
    (e) => e.role === "cell" && e.kind === "count" && rule.tables.includes(e.table) && e.versions.includes(version),
  );
  for (const entry of cells) {
    const ptr = entry.pointer;
    const pointers = [`/summary${ptr}`, ...departments.map((_, k) => `/departments/${k}${ptr}`)];
    const terms = pointers.map((p, n) => ({ pointer: p, weight: 1, side: n === 0 ? "actual" : "expected" }));
    const labels = cellLabel(entry);
    const bind = (t) => t.replace("{cell_zh}", labels.cell_zh).replace("{cell_en}", labels.cell_en);
    const cellRule = {
      ...rule,
      pointers,
      terms,
      message_zh: bind(rule.message_zh),
      message_en: bind(rule.message_en),
      unchecked_zh: bind(rule.unchecked_zh),
      unchecked_en: bind(rule.unchecked_en),
    };
    const f = arithmetic(cellRule, get);
    if (f !== null) out.push(f);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cases: inputs are a document and a JSON Patch, raw text, or a decoded value.

function patch(doc, ops) {
  doc = structuredClone(doc);
  for (const op of ops) {
    const path = tokens(op.path);
    const last = path.pop();
    const parent = path.reduce((node, t) => node[t], doc);
    if (op.op === "remove") delete parent[last];
    else if (op.op === "add" || op.op === "replace") parent[last] = structuredClone(op.value);
    else throw new Error(`patch op ${op.op} does not occur in the suite`);
  }
  return doc;
}

const documents = new Map();
function document(name) {
  if (!documents.has(name)) documents.set(name, readJson(join(SUITE, "documents", `${name}.json`)));
  return documents.get(name);
}

function input(spec) {
  if ("text" in spec) return { text: spec.text };
  if ("json" in spec) return { value: spec.json };
  return { value: patch(document(spec.document), spec.patch) };
}

function run(c) {
  if (c.check === "report") return checkReport(input(c.input));
  if (c.check === "series") return checkSeries(c.inputs.map((i) => input(i).value));
  if (c.check === "aggregate")
    return checkAggregate(input(c.summary).value, c.departments.map((i) => input(i).value), c.complete);
  throw new Error(`unknown check ${c.check}`);
}

// ---------------------------------------------------------------------------------------------
// Comparison.

const key = (f) => JSON.stringify([f.rule, f.pointers]);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The README's rule: match findings by rule and pointers, then compare what the entry gives.
function againstExpected(got, want) {
  const problems = [];
  const byKey = new Map(got.map((f) => [key(f), f]));
  const wanted = new Set(want.map(key));
  for (const w of want) {
    const f = byKey.get(key(w));
    if (f === undefined) {
      problems.push(`missing finding ${key(w)}`);
      continue;
    }
    for (const [field, value] of Object.entries({ checkable: true, ...w })) {
      if (field === "rule" || field === "pointers") continue;
      if (!same(f[field] ?? (field === "checkable" ? true : null), value))
        problems.push(`${key(w)}: ${field} is ${JSON.stringify(f[field])}, expected ${JSON.stringify(value)}`);
    }
  }
  for (const f of got) if (!wanted.has(key(f))) problems.push(`unexpected finding ${key(f)}`);
  return problems;
}

// Against govdisclosure: every field of a rule finding, messages included. Findings that are not
// rules of rules.json (schema.*, json.*, series.duplicate-year, aggregate.mismatch) have no
// published message templates: their id, severity and pointers are compared.
const FIELDS_COMPARED = [
  "severity", "message_zh", "message_en", "expected", "actual", "difference", "values", "missing", "checkable",
];

function againstPython(got, python) {
  const problems = [];
  const byKey = new Map(got.map((f) => [key(f), f]));
  const theirs = new Set(python.map(key));
  for (const p of python) {
    const f = byKey.get(key(p));
    if (f === undefined) {
      problems.push(`govdisclosure has ${key(p)}, this evaluator does not`);
      continue;
    }
    const fields = RULE_IDS.has(p.rule) ? FIELDS_COMPARED : ["severity"];
    for (const field of fields)
      if (!same(f[field], p[field]))
        problems.push(`${key(p)}: ${field} is ${JSON.stringify(f[field])}, govdisclosure says ${JSON.stringify(p[field])}`);
  }
  for (const f of got) if (!theirs.has(key(f))) problems.push(`this evaluator has ${key(f)}, govdisclosure does not`);
  return problems;
}

// ---------------------------------------------------------------------------------------------

function main(argv) {
  const files = [];
  let pythonPath = null;
  let outPath = null;
  for (let n = 0; n < argv.length; n++) {
    if (argv[n] === "--python") pythonPath = argv[++n];
    else if (argv[n] === "--out") outPath = argv[++n];
    else files.push(argv[n]);
  }
  if (files.length === 0) {
    const dir = join(SUITE, "cases");
    files.push(...readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f)));
  }
  const python = pythonPath === null ? null : readJson(pythonPath);
  const cases = files.flatMap((f) => readJson(f).cases);
  const mine = {};
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    let problems;
    try {
      const got = run(c);
      mine[c.id] = got;
      problems = [];
      if ("expected" in c) problems.push(...againstExpected(got, c.expected));
      if (python !== null) {
        if (!(c.id in python)) problems.push("no findings from govdisclosure for this case");
        else problems.push(...againstPython(got, python[c.id]));
      }
    } catch (err) {
      problems = [`evaluator error: ${err.stack}`];
    }
    if (problems.length === 0) passed++;
    else {
      failed++;
      process.stdout.write(`FAIL ${c.id}\n${problems.map((p) => "  " + p).join("\n")}\n`);
    }
  }
  if (outPath !== null) writeFileSync(outPath, JSON.stringify(mine, null, 1));
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
