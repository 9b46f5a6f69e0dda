// A browser app: imports the package by name; a bundler resolves it to the browser entry.
import * as konaplate from "konaplate";
import { exercise } from "./entries.mjs";

document.title = JSON.stringify(exercise(konaplate));
