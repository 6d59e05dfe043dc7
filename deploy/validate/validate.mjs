#!/usr/bin/env node
// Validates deployment files against their published schemas:
//   - docker-compose.yml against the Compose Specification's JSON schema (the copy dclint ships);
//   - every Kubernetes manifest against the Kubernetes OpenAPI schema (kubernetes-models), and KEDA resources
//     against KEDA's CRD schema (@kubernetes-models/keda).
// Usage: node validate.mjs [--dump] FILE_OR_DIRECTORY...
// Prints one line per problem to stderr and exits 1 if there is any. With --dump it prints every parsed document
// as JSON on stdout ([{file, document}]) for the consistency checks.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parseAllDocuments } from "yaml";

// dclint does not export its schema file; it sits in the package installed beside this script.
const composeSchema = JSON.parse(readFileSync(new URL("./node_modules/dclint/schemas/compose.schema.json", import.meta.url), "utf8"));

const args = process.argv.slice(2);
const dump = args.includes("--dump");
const files = args.filter((arg) => arg !== "--dump").flatMap(expand);
if (files.length === 0) {
  console.error("usage: node validate.mjs [--dump] FILE_OR_DIRECTORY...");
  process.exit(2);
}

// The Compose Specification schema is JSON Schema draft-07; its $schema names the draft by an address Ajv does
// not register, so the draft comes from the validator instead.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const { $schema: _draft, ...compose } = composeSchema;
const validateCompose = ajv.compile(compose);
const problems = [];
const documents = [];

for (const file of files) {
  // merge: Compose files use YAML merge keys (<<) for shared blocks.
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"), { merge: true })) {
    if (parsed.errors.length > 0) {
      problems.push(...parsed.errors.map((error) => `${file}: YAML: ${error.message}`));
      continue;
    }
    const document = parsed.toJS();
    if (document === null || document === undefined) continue;
    documents.push({ file, document });
    if (isCompose(file)) checkCompose(file, document);
    else await checkKubernetes(file, document);
  }
}

for (const problem of problems) console.error(problem);
if (dump) console.log(JSON.stringify(documents));
process.exit(problems.length > 0 ? 1 : 0);

function expand(target) {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { recursive: true })
    .map((name) => path.join(target, name))
    .filter((name) => /\.ya?ml$/.test(name) && statSync(name).isFile())
    .sort();
}

function isCompose(file) {
  return /(^|[\\/])(docker-)?compose[^\\/]*\.ya?ml$/.test(file);
}

function checkCompose(file, document) {
  if (validateCompose(document)) return;
  for (const error of validateCompose.errors) problems.push(`${file}: compose${error.instancePath}: ${error.message}`);
}

async function checkKubernetes(file, document) {
  const where = `${file}: ${document.kind ?? "?"}/${document.metadata?.name ?? "?"}`;
  if (!document.apiVersion || !document.kind) {
    problems.push(`${where}: apiVersion and kind are required`);
    return;
  }
  const model = await loadModel(document.apiVersion, document.kind);
  if (!model) {
    problems.push(`${where}: no published schema for ${document.apiVersion} ${document.kind}`);
    return;
  }
  try {
    new model(document).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
}

async function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const module = group === null
    ? `kubernetes-models/${version}/${kind}`
    : group.endsWith("keda.sh")
      ? `@kubernetes-models/keda/${group}/${version}/${kind}`
      : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return null;
  }
}
