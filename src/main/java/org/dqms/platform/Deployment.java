package org.dqms.platform;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * How this process runs: in production or not, as the server or as a command, and where its local
 * data lives. Production mode ({@code DQMS_ENV=production} or the Spring profile {@code prod})
 * turns the warnings about unsafe settings into refusals to start.
 */
public record Deployment(boolean production, boolean commandMode, Path dataDir) {

    public String describe() {
        return production ? "production" : "development";
    }

    static Deployment of(PlatformSettings settings, Environment environment) {
        boolean production = "production".equals(settings.env()) || environment.acceptsProfiles(Profiles.of("prod"));
        return new Deployment(
                production,
                settings.commandMode(),
                Path.of(settings.dataDir()).toAbsolutePath().normalize());
    }

    /**
     * The deployment as the environment describes it before the context validates its settings,
     * for work that starts early; empty when the settings do not bind (the validated ones then name
     * the problem).
     */
    public static Optional<Deployment> peek(Environment environment) {
        try {
            return Optional.of(of(Binder.get(environment).bindOrCreate("dqms", PlatformSettings.class), environment));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
