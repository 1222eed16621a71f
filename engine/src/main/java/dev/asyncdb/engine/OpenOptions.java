package dev.asyncdb.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to open a project: its folder, an optional config file instead of {@code db.config.json},
 * inline config that overrides both, whether source errors are tolerated (the failing resources
 * are left out and reported), and whether to open without any store writes.
 */
public final class OpenOptions {
  private final Path project;
  private final Path configFile;
  private final Map<String, Object> config;
  private final boolean allowSourceErrors;
  private final boolean readOnly;
  private final boolean writeGeneratedFiles;
  private final LoadProgress progress;

  private OpenOptions(Builder b) {
    this.progress = b.progress;
    this.project = b.project;
    this.configFile = b.configFile;
    this.config = Map.copyOf(b.config);
    this.allowSourceErrors = b.allowSourceErrors;
    this.readOnly = b.readOnly;
    this.writeGeneratedFiles = b.writeGeneratedFiles;
  }

  public static Builder builder(Path project) {
    return new Builder(project);
  }

  public Path project() {
    return project;
  }

  public Path configFile() {
    return configFile;
  }

  public Map<String, Object> config() {
    return config;
  }

  public boolean allowSourceErrors() {
    return allowSourceErrors;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public boolean writeGeneratedFiles() {
    return writeGeneratedFiles;
  }

  public LoadProgress progress() {
    return progress;
  }

  /** Builder of {@link OpenOptions}. */
  public static final class Builder {
    private final Path project;
    private Path configFile;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private boolean allowSourceErrors;
    private boolean readOnly;
    private boolean writeGeneratedFiles = true;
    private LoadProgress progress = LoadProgress.NONE;

    private Builder(Path project) {
      this.project = Objects.requireNonNull(project, "project");
    }

    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** Inline configuration with the keys of db.config.json; deep-merged over it. */
    public Builder config(Map<String, Object> inline) {
      this.config.putAll(inline);
      return this;
    }

    public Builder allowSourceErrors(boolean allow) {
      this.allowSourceErrors = allow;
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** Whether open writes {@code .db/schema.generated.json} and state files (default true). */
    public Builder writeGeneratedFiles(boolean write) {
      this.writeGeneratedFiles = write;
      return this;
    }

    /** Told how many bytes of the data files have been read, for progress bars on large sources. */
    public Builder progress(LoadProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    public OpenOptions build() {
      return new OpenOptions(this);
    }
  }
}
