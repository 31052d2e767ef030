package org.dqms.platform;

import java.nio.file.Path;

/**
 * How this process runs: in production or not, as the server or as a command, and where its local
 * data lives. Production mode ({@code DQMS_ENV=production} or the Spring profile {@code prod})
 * turns the warnings about unsafe settings into refusals to start.
 */
public record Deployment(boolean production, boolean commandMode, Path dataDir) {

    public String describe() {
        return production ? "production" : "development";
    }
}
