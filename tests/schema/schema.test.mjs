// Cross-check of schemas/spec.schema.json (ajv) and the C# validator (`lspgen validate`) on a corpus.
// The folder of a corpus file is its expectation:
//   valid/     schema accepts, C# reports no error;
//   invalid/   schema rejects, C# reports exactly the error codes named in the "# expect:" line;
//   semantic/  schema accepts (JSON Schema cannot express the rule), C# reports the expected codes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import YAML from "yaml";
import { isError, limitConcurrency, locateCli, validateWithCli } from "./lspgen-cli.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const schemaPath = join(repoRoot, "schemas", "spec.schema.json");
const corpusDir = join(here, "corpus");
const examplesDir = join(repoRoot, "examples");

const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const compileSchema = () => new Ajv2020({ strict: true, allErrors: true }).compile(schema);
const validateWithSchema = compileSchema();

const cli = locateCli(repoRoot);
const schedule = limitConcurrency();
const cliVerdicts = new Map();
/** lspgen's diagnostics for a file, started at most once and in parallel with other files. */
function cliDiagnostics(file) {
  assert.ok(!cli.missing, cli.missing);
  if (!cliVerdicts.has(file)) cliVerdicts.set(file, schedule(() => validateWithCli(cli, file)));
  return cliVerdicts.get(file);
}

function listYaml(dir, suffix = ".yaml") {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(suffix)).sort().map((name) => join(dir, name));
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
}

function parseYaml(file) {
  const document = YAML.parseDocument(readFileSync(file, "utf8"));
  assert.deepEqual(document.errors.map(String), [], `${file} is not well-formed YAML`);
  return document.toJS();
}

/**
 * The codes on the file's "# expect: LSG0xx [LSG0yy] reason" line (one rule broken per file). A slot
 * may name alternatives, "LSG015|LSG004", where the issue leaves the choice of code to the validator.
 */
function expectedCodes(file) {
  const match = /^# expect: ((?:LSG\d{3}(?:\|LSG\d{3})*\s+)+)/m.exec(readFileSync(file, "utf8"));
  assert.ok(match, `${file} must start with a line "# expect: LSG0xx <why>" naming the C# error it triggers`);
  return match[1].trim().split(/\s+/).map((slot) => slot.split("|"));
}

/** lspgen's distinct error codes must fill every expected slot, and nothing else. */
function assertErrorCodes(diagnostics, expected, name) {
  const actual = errorCodes(diagnostics);
  const fits = actual.every((code) => expected.some((slot) => slot.includes(code)))
    && expected.every((slot) => slot.some((code) => actual.includes(code)));
  assert.ok(fits, `lspgen's errors for ${name} are [${actual.join(" ")}], expected [${expected.map((s) => s.join("|")).join(" ")}]: ${show(diagnostics)}`);
}

const schemaErrors = () => JSON.stringify(validateWithSchema.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`));
const show = (diagnostics) => JSON.stringify(diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character} ${d.message}`), null, 1);
const errorCodes = (diagnostics) => [...new Set(diagnostics.filter(isError).map((d) => d.code))].sort();

const corpus = {
  valid: listYaml(join(corpusDir, "valid")),
  invalid: listYaml(join(corpusDir, "invalid")),
  semantic: listYaml(join(corpusDir, "semantic")),
};

test("the schema compiles under ajv strict mode", () => {
  assert.doesNotThrow(compileSchema);
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.ok(schema.$id, "the schema needs an $id");
});

test("the corpus is large enough and every file is well-formed YAML", () => {
  assert.ok(corpus.valid.length >= 15, `want at least 15 valid specs, have ${corpus.valid.length}`);
  assert.ok(corpus.invalid.length >= 25, `want at least 25 invalid specs, have ${corpus.invalid.length}`);
  assert.ok(corpus.semantic.length >= 1, "want at least one semantic spec");
  for (const file of [...corpus.valid, ...corpus.invalid, ...corpus.semantic]) parseYaml(file);
});

test("the C# validator (lspgen CLI) is available for the cross-check", () => {
  assert.ok(!cli.missing, cli.missing);
});

describe("valid/: the schema accepts and lspgen reports no error", () => {
  for (const file of corpus.valid) {
    const name = relative(corpusDir, file);
    test(`${name}: schema accepts`, () => {
      assert.ok(validateWithSchema(parseYaml(file)), `schema rejects ${name}: ${schemaErrors()}`);
    });
    test(`${name}: lspgen validate reports no error`, async () => {
      const diagnostics = await cliDiagnostics(file);
      assert.deepEqual(errorCodes(diagnostics), [], `lspgen reports errors for ${name}: ${show(diagnostics)}`);
    });
  }
});

describe("invalid/: the schema rejects and lspgen reports the expected error", () => {
  for (const file of corpus.invalid) {
    const name = relative(corpusDir, file);
    test(`${name}: schema rejects`, () => {
      assert.equal(validateWithSchema(parseYaml(file)), false, `schema accepts ${name}, which breaks a structural rule`);
    });
    const expected = expectedCodes(file);
    test(`${name}: lspgen validate reports ${expected.map((slot) => slot.join("|")).join(" ")}`, async () => {
      assertErrorCodes(await cliDiagnostics(file), expected, name);
    });
  }
});

describe("semantic/: the schema accepts (it cannot express the rule) and lspgen reports the expected error", () => {
  for (const file of corpus.semantic) {
    const name = relative(corpusDir, file);
    test(`${name}: schema accepts`, () => {
      assert.ok(validateWithSchema(parseYaml(file)), `schema rejects ${name}; it belongs in invalid/ then: ${schemaErrors()}`);
    });
    const expected = expectedCodes(file);
    test(`${name}: lspgen validate reports ${expected.map((slot) => slot.join("|")).join(" ")}`, async () => {
      assertErrorCodes(await cliDiagnostics(file), expected, name);
    });
  }
});

describe("examples/*.spec.yaml are valid for both the schema and lspgen", () => {
  const examples = listYaml(examplesDir, ".spec.yaml");
  test("examples exist", () => {
    assert.ok(examples.length > 0, `no examples/*.spec.yaml found in ${examplesDir}`);
  });
  for (const file of examples) {
    const name = relative(repoRoot, file);
    test(`${name}: schema accepts`, () => {
      assert.ok(validateWithSchema(parseYaml(file)), `schema rejects ${name}: ${schemaErrors()}`);
    });
    test(`${name}: lspgen validate reports no error`, async () => {
      const diagnostics = await cliDiagnostics(file);
      assert.deepEqual(errorCodes(diagnostics), [], `lspgen reports errors for ${name}: ${show(diagnostics)}`);
    });
  }
});

// The C# list of canonical types is read from lspgen itself: LSG012's message names the allowed types.
test("the schema's field types are exactly the types lspgen allows", async () => {
  const schemaTypes = [...schema.$defs.fieldType.enum].sort();
  const dir = mkdtempSync(join(tmpdir(), "lspgen-schema-"));
  try {
    const file = join(dir, "unknown_type.yaml");
    writeFileSync(file, [
      'spec_version: "1.0"', "project_name: demo", "entities:", "  - name: Item", "    fields:",
      "      - name: id", "        type: uuid", "        primary_key: true",
      "      - name: value", "        type: no_such_type", "",
    ].join("\n"));
    const diagnostics = await cliDiagnostics(file);
    const lsg012 = diagnostics.find((d) => d.code === "LSG012");
    assert.ok(lsg012, `lspgen reported no LSG012 for an unknown field type: ${show(diagnostics)}`);
    const listed = /Allowed types: ([a-z, ]+)/.exec(lsg012.message);
    assert.ok(listed, `LSG012's message no longer lists "Allowed types: ...": ${lsg012.message}`);
    assert.deepEqual(listed[1].split(/,\s*/).sort(), schemaTypes, "schema $defs.fieldType.enum differs from lspgen's allowed types");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
