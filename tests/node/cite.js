#!/usr/bin/env node
// The reference: citeproc-js renders CSL-JSON items with an official style.
//
//   node cite.js STYLE.csl LOCALE.xml < request.json > answer.json
//
// request.json: {"items": [CSL-JSON item, ...], "formats": ["text", "html"]}
// answer.json:  {"ITEM-ID": {"text": {"bibliography": "...", "citation": "..."},
//                            "html": {...}}, ...}
//
// Each item is rendered alone (its own registry), as bbtui cites one source
// at a time: no disambiguation against other items (APA's "2015a") and the
// citation is a first reference (Chicago's full note).
"use strict";

const fs = require("fs");
const CSL = require("citeproc");

const [styleFile, localeFile] = process.argv.slice(2);
if (!styleFile || !localeFile) {
  process.stderr.write("usage: node cite.js STYLE.csl LOCALE.xml < request.json\n");
  process.exit(2);
}
const style = fs.readFileSync(styleFile, "utf8");
const locale = fs.readFileSync(localeFile, "utf8");
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const formats = request.formats || ["text"];

const byId = {};
for (const item of request.items) byId[item.id] = item;

const engine = new CSL.Engine(
  { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] },
  style,
  "en-US",
  true,
);

const answer = {};
for (const item of request.items) {
  answer[item.id] = {};
  engine.updateItems([item.id]);
  for (const format of formats) {
    engine.setOutputFormat(format);
    const [meta, entries] = engine.makeBibliography();
    if (meta.bibliography_errors.length) {
      throw new Error(`${item.id}: ${JSON.stringify(meta.bibliography_errors)}`);
    }
    const citation = engine.makeCitationCluster([{ id: item.id }]);
    answer[item.id][format] = { bibliography: entries[0].trim(), citation };
  }
}
process.stdout.write(JSON.stringify(answer, null, 1) + "\n");
