// The rules the generators and the running platform share: Micro's default HTTP path rule, google.api.http path
// templates, and how names become words. This is the one entry both sides import (runtime/ never reaches into
// generators/emit/), so what the emitters write and what the gateway and CLI do follow one definition.
export { defaultPaths, resolveMicroPath, type MicroPathTarget } from "./micro-path.js";
export { escapeRegex, parsePathTemplate, PathTemplateError, type PathTemplate, type TemplateVariable } from "./path-template.js";
export { lowerFirst, sameWord, titleWord } from "./words.js";
