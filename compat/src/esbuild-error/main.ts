// Entry point: one import that does not exist, one file with a syntax error.
import { area } from "./broken";
import { missing } from "./lib/missing";
console.log(area(2), missing);
