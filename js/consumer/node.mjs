// Node: the package by name, its main entry and the explicit ./node subpath.
import * as main from "konaplate";
import * as node from "konaplate/node";
import { exercise } from "./entries.mjs";

console.log(JSON.stringify({ main: exercise(main), node: exercise(node) }));
