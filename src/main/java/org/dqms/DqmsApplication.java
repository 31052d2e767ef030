package org.dqms;

import java.util.Optional;
import org.dqms.platform.CommandLine;
import org.dqms.platform.UnpackedLaunch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dqms: digital queue management for hospitals and clinics. */
@SpringBootApplication
public class DqmsApplication {

    public static void main(String[] args) throws Throwable {
        if (UnpackedLaunch.run(DqmsApplication.class, args)) {
            return;
        }
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(DqmsApplication.class, args));
        }
        Optional<String> refused = CommandLine.serverUsageError(args);
        if (refused.isPresent()) {
            System.err.println(refused.get());
            System.exit(CommandLine.USAGE);
        }
        SpringApplication.run(DqmsApplication.class, args);
    }
}
