// Node: the package by name, its main entry, the explicit ./node subpath and ./document (the
// same functions in their own module, plus the catalog's texts).
import * as main from "konaplate";
import * as node from "konaplate/node";
import * as document from "konaplate/document";
import { exercise } from "./entries.mjs";

console.log(JSON.stringify({
  main: exercise(main), node: exercise(node), document: exercise(document),
  meaning: document.describeCode("007_008").meaning.en,
}));
