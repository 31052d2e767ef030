package org.dqms.live;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dqms.database.DirectSessions;
import org.dqms.database.SchemaGate;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ServerOnly;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.QueueViews;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveSettings.class)
@ServerOnly
class LiveConfiguration {

    @Bean(destroyMethod = "close")
    LiveHub liveHub(QueueSnapshots snapshots, JsonMapper json, MeterRegistry meters, Clock clock) {
        return new LiveHub(snapshots, json, meters, clock);
    }

    @Bean
    QueueChangeNotifier queueChangeNotifier(JdbcClient jdbc, DoctorService doctors, LiveSettings settings) {
        return new QueueChangeNotifier(jdbc, doctors, settings);
    }

    @Bean
    QueueChangeListener queueChangeListener(DirectSessions sessions, SchemaGate schema, LiveHub hub, QueueViews views) {
        return new QueueChangeListener(
                sessions,
                schema,
                departments -> {
                    views.changed(departments);
                    hub.changed(departments);
                },
                () -> {
                    views.forgetAll();
                    hub.refreshAll();
                });
    }

    @Bean
    LiveUpdatesHealthIndicator liveUpdatesHealthIndicator(QueueChangeListener listener, LiveHub hub) {
        return new LiveUpdatesHealthIndicator(listener, hub);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService liveHeartbeat(LiveHub hub, LiveSettings settings) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dqms-live-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(hub::heartbeat, every, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    ServletRegistrationBean<LiveStreamServlet> liveStreams(
            LiveHub hub,
            QueueSnapshots snapshots,
            DepartmentService departments,
            LiveSettings settings,
            JsonMapper json) {
        ServletRegistrationBean<LiveStreamServlet> registration = new ServletRegistrationBean<>(
                new LiveStreamServlet(hub, snapshots, departments, settings, json), LiveStreamServlet.PATH + "/*");
        registration.setName("dqmsLiveStreams");
        registration.setAsyncSupported(true);
        return registration;
    }
}
