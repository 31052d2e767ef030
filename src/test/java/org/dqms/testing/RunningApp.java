package org.dqms.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dqms.DqmsApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts dqms as its main method would, with settings given as environment variable names
 * ({@code DATABASE_URL}, {@code DQMS_ENV}, ...), on a random port and a fresh data directory.
 */
public final class RunningApp implements AutoCloseable {

    /**
     * Rate limits far above what the suite sends from 127.0.0.1; the tests of the limits set their
     * own. One property a line, as {@code @SpringBootTest(properties)} takes them.
     */
    public static final String GENEROUS_RATE_LIMITS = """
            DQMS_RATE_LIMIT_SIGN_IN_PER_IP=1000000
            DQMS_RATE_LIMIT_SIGN_UP_PER_IP=1000000
            DQMS_RATE_LIMIT_SIGN_UP_PER_PHONE=1000000
            DQMS_RATE_LIMIT_JOIN_PER_IP=1000000
            DQMS_RATE_LIMIT_JOIN_PER_PHONE=1000000
            """;

    private final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningApp start(Map<String, String> variables) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--DQMS_DATA_DIR=target/test-data/" + UUID.randomUUID());
        variables.forEach((name, value) -> args.add("--" + name + "=" + value));
        GENEROUS_RATE_LIMITS
                .lines()
                .map(line -> line.split("=", 2))
                .filter(setting -> !variables.containsKey(setting[0]))
                .forEach(setting -> args.add("--" + setting[0] + "=" + setting[1]));
        return new RunningApp(SpringApplication.run(DqmsApplication.class, args.toArray(String[]::new)));
    }

    /**
     * Starts dqms with {@code variables} added to the process environment, where a shell would put
     * them, instead of on the command line: Spring reads such variables through its relaxed binding
     * as well as through application.yml's placeholders.
     */
    public static RunningApp startWithEnvironment(Map<String, String> variables) {
        Map<String, Object> environment = new HashMap<>(System.getenv());
        environment.putAll(variables);
        StandardEnvironment standard = new StandardEnvironment();
        standard.getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        SpringApplication application = new SpringApplication(DqmsApplication.class);
        application.setEnvironment(standard);
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        if (!variables.containsKey("DQMS_DATA_DIR")) {
            args.add("--DQMS_DATA_DIR=target/test-data/" + UUID.randomUUID());
        }
        return new RunningApp(application.run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
