package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dqms.platform.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded database started while the context is built: taken once, or stopped. */
class EmbeddedStartTest {

    @TempDir
    Path dataDir;

    @Test
    void theServerStartedAheadIsTakenOnceAndOnlyForItsDirectory() throws Exception {
        EmbeddedStart start = EmbeddedStart.begin(dataDir);

        assertThat(start.take(dataDir.resolve("elsewhere"))).isEmpty();
        Optional<EmbeddedPostgresServer> taken = start.take(dataDir);
        assertThat(taken).isPresent();
        try (EmbeddedPostgresServer server = taken.get()) {
            assertThat(start.take(dataDir)).as("taken already").isEmpty();
            assertThat(accepts(port(server))).isTrue();
            start.abandon();
            assertThat(accepts(port(server)))
                    .as("abandon leaves a taken server running")
                    .isTrue();
        }
    }

    @Test
    void aFailedStartFailsWhereTheServerIsTakenAsItWouldHaveOnTheMainThread() throws Exception {
        Files.writeString(dataDir.resolve("postgres"), "a file where the database directory goes");
        Throwable onTheMainThread = catchThrowable(() -> EmbeddedPostgresServer.start(dataDir));
        assertThat(onTheMainThread).isNotNull();

        EmbeddedStart start = EmbeddedStart.begin(dataDir);

        assertThatThrownBy(() -> start.take(dataDir))
                .isExactlyInstanceOf(onTheMainThread.getClass())
                .hasMessage(onTheMainThread.getMessage());
    }

    @Test
    void theListenerStartsTheServerWithoutADatabaseUrlAndStopsItWhenTheRunFails() {
        EmbeddedStartListener listener = new EmbeddedStartListener();
        SpringApplication application = new SpringApplication();
        GenericApplicationContext context = new GenericApplicationContext();
        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), application, new String[0], environment(Map.of())));
        listener.onApplicationEvent(new ApplicationPreparedEvent(application, new String[0], context));
        EmbeddedStart start = context.getBeanFactory().getBean(EmbeddedStartListener.BEAN_NAME, EmbeddedStart.class);
        int port;
        try (EmbeddedPostgresServer server = start.take(dataDir).orElseThrow()) {
            port = port(server);
        }

        EmbeddedStartListener failing = new EmbeddedStartListener();
        GenericApplicationContext failed = new GenericApplicationContext();
        failing.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), application, new String[0], environment(Map.of())));
        failing.onApplicationEvent(new ApplicationPreparedEvent(application, new String[0], failed));
        failing.onApplicationEvent(
                new ApplicationFailedEvent(application, new String[0], failed, new IllegalStateException("boom")));

        assertThat(failed.getBeanFactory()
                        .getBean(EmbeddedStartListener.BEAN_NAME, EmbeddedStart.class)
                        .take(dataDir))
                .as("stopped, so no longer to be taken")
                .isEmpty();
        assertThat(accepts(port)).isFalse();
    }

    @Test
    void aDataDirectoryNamedWithARandomValueNamesOneDirectory() {
        EmbeddedStartListener listener = new EmbeddedStartListener();
        SpringApplication application = new SpringApplication();
        GenericApplicationContext context = new GenericApplicationContext();
        StandardEnvironment environment = environment(Map.of());
        RandomValuePropertySource.addToEnvironment(environment);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("settings", Map.of("dqms.data-dir", dataDir + "/${random.uuid}")));
        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), application, new String[0], environment));
        listener.onApplicationEvent(new ApplicationPreparedEvent(application, new String[0], context));

        Path readAgain = Deployment.peek(environment).orElseThrow().dataDir();
        assertThat(readAgain.getParent()).isEqualTo(dataDir);
        try (EmbeddedPostgresServer server = context.getBeanFactory()
                .getBean(EmbeddedStartListener.BEAN_NAME, EmbeddedStart.class)
                .take(readAgain)
                .orElseThrow()) {
            assertThat(accepts(port(server))).isTrue();
        }
    }

    @Test
    void theListenerLeavesAnExternalDatabaseAndProductionAlone() {
        for (Map<String, Object> settings : List.<Map<String, Object>>of(
                Map.of("dqms.database.url", "postgresql://db.example:5432/dqms"),
                Map.of("dqms.database.url-file", "/run/secrets/database-url"),
                Map.of("dqms.env", "production"),
                Map.of("dqms.command-mode", "true"))) {
            EmbeddedStartListener listener = new EmbeddedStartListener();
            SpringApplication application = new SpringApplication();
            GenericApplicationContext context = new GenericApplicationContext();
            listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                    new DefaultBootstrapContext(), application, new String[0], environment(settings)));
            listener.onApplicationEvent(new ApplicationPreparedEvent(application, new String[0], context));

            assertThat(context.containsBean(EmbeddedStartListener.BEAN_NAME))
                    .as("%s", settings)
                    .isFalse();
        }
    }

    private StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> all = new HashMap<>(settings);
        all.put("dqms.data-dir", dataDir.toString());
        environment.getPropertySources().addFirst(new MapPropertySource("test", all));
        return environment;
    }

    private static int port(EmbeddedPostgresServer server) {
        return server.url(RoleLayout.APP).hosts().get(0).port();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("localhost", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
