package dev.asyncdb.bench.data;

import java.nio.file.Path;

/** One collection of a dataset: its shape, its JSON file, and how many records and bytes it has. */
public record DatasetTable(TableSpec spec, Path file, long rows, long bytes) {}
