/**
 * JSON plumbing shared by the engine: parsing to plain Java values, JSONC, output in the
 * original product's formatting, canonical JSON and record ETags.
 */
package dev.asyncdb.engine.json;
