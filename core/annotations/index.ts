// Saved highlights: records, exports (JSON-LD, Markdown, CSV), import, merge and library search.
export * from './record';
export * from './export';
export * from './import';
export * from './merge';
export * from './search';
export { locateJsonError, lineColumn, type JsonSyntaxProblem } from './json-error';
