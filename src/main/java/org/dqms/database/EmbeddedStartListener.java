package org.dqms.database;

import java.util.Map;
import org.dqms.platform.Deployment;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Begins the embedded PostgreSQL's start as soon as the settings are read, when they ask for the
 * embedded database (the server in development with no database URL), and hands the start to the
 * context as a bean for {@link DatabaseConfiguration} to take. A run that fails or comes up without
 * taking it stops the server. Registered in {@code META-INF/spring.factories}.
 */
final class EmbeddedStartListener implements SmartApplicationListener {

    static final String BEAN_NAME = "dqmsEmbeddedStart";

    private EmbeddedStart start;

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationReadyEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            ConfigurableEnvironment environment = prepared.getEnvironment();
            Deployment.peek(environment)
                    .filter(deployment -> !deployment.production() && !deployment.commandMode())
                    .filter(deployment -> wantsEmbedded(environment))
                    .ifPresent(deployment -> {
                        // A data directory named with a random value (${random.uuid}) would name
                        // another directory when the context reads it again.
                        environment
                                .getPropertySources()
                                .addFirst(new MapPropertySource(
                                        BEAN_NAME,
                                        Map.of(
                                                "dqms.data-dir",
                                                deployment.dataDir().toString())));
                        start = EmbeddedStart.begin(deployment.dataDir());
                    });
        } else if (event instanceof ApplicationPreparedEvent prepared && start != null) {
            prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, start);
        } else if (start != null) {
            start.abandon();
        }
    }

    private static boolean wantsEmbedded(ConfigurableEnvironment environment) {
        try {
            return ConnectionTargetsResolver.wantsEmbedded(
                    Binder.get(environment).bindOrCreate("dqms.database", DatabaseSettings.class));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** After the logging system is set up, so the server's start is logged as usual. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
