package dev.asyncdb.bench.report;

/**
 * What the report says about one engine.
 *
 * @param name the engine's name as in the tables
 * @param version the product version its driver reports, or a dash
 * @param setup how it stores and loads the data
 * @param dialect how it stores and writes dates and datetimes
 */
public record EngineInfo(String name, String version, String setup, String dialect) {}
