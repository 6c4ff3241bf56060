package io.binlake.tower.config;

import java.util.List;

public class MissingSettingsException extends RuntimeException {
    private final List<String> missing;

    public MissingSettingsException(List<String> missing) {
        super("Profile prod is missing settings: " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
