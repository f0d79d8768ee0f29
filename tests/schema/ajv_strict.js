// Compile JSON Schemas with Ajv in strict mode, as ajv-cli users and many editors do:
// node ajv_strict.js NODE_MODULES SCHEMA.json...; exit 1 and one line per schema it refuses.
const fs = require("fs");
const path = require("path");
const Ajv2020 = require(path.join(process.argv[2], "ajv/dist/2020"));
const addFormats = require(path.join(process.argv[2], "ajv-formats"));
const refuse = (m) => { throw new Error(m); };  // strict warnings count as failures too
let failed = 0;
for (const file of process.argv.slice(3)) {
  const ajv = new Ajv2020({strict: true, allErrors: true,
                           logger: {log() {}, warn: refuse, error: refuse}});
  addFormats(ajv);
  try {
    ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (e) {
    failed++;
    console.log(`${file}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
