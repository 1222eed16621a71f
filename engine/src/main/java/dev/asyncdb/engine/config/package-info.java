/** Project configuration: {@code db.config.json} (JSONC allowed) merged over the original's defaults. */
package dev.asyncdb.engine.config;
