/**
 * The one description of what the interface may ask of the core, and the
 * one module everyone imports it from.
 *
 * Every call: its name, the zod schema of its argument and the type of its
 * result (contract/calls.ts). Every event the core pushes (contract/events.ts).
 * The types and schemas of each capability live in contract/<capability>.ts;
 * this file only gathers them. electron/, renderer/ and e2e/ derive their
 * channels and types from here; nothing else defines a channel name. The
 * contract stays free of Node and DOM imports: the renderer imports its
 * types (from this file only, lint-enforced), the preload script its call
 * list.
 */
export * from './contract/result';
export * from './contract/app';
export * from './contract/settings';
export * from './contract/law';
export * from './contract/models';
export * from './contract/documents';
export * from './contract/search';
export * from './contract/research';
export * from './contract/drafting';
export * from './contract/precheck';
export * from './contract/calls';
export * from './contract/events';
export * from './contract/api';
