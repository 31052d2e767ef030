package org.dqms.notifications;

import java.time.Clock;
import java.util.Locale;
import org.dqms.database.SchemaGate;
import org.dqms.platform.Deployment;
import org.dqms.platform.ServerOnly;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.TokenContacts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationSettings.class)
@ServerOnly
class NotificationsConfiguration {

    @Bean
    Senders senders(NotificationSettings settings, Deployment deployment, Clock clock) {
        return Senders.from(settings, deployment, clock);
    }

    @Bean
    NotificationIntents notificationIntents(
            OutboxRepository outbox,
            NearTurnSettings nearTurn,
            OptOuts optOuts,
            TokenContacts contacts,
            QueueSnapshots snapshots,
            Senders senders,
            MessageSource messages,
            NotificationSettings settings,
            Environment environment,
            Clock clock) {
        Locale language = Locale.forLanguageTag(environment.getProperty("dqms.web.default-language", "en"));
        return new NotificationIntents(
                outbox, nearTurn, optOuts, contacts, snapshots, senders, messages, settings, language, clock);
    }

    @Bean
    ReminderJob reminderJob(
            org.dqms.appointment.AppointmentReminders appointments,
            OutboxRepository outbox,
            OptOuts optOuts,
            Senders senders,
            org.dqms.department.PublicLinks links,
            MessageSource messages,
            Environment environment,
            org.springframework.transaction.PlatformTransactionManager transactions,
            Clock clock,
            SchemaGate schema) {
        Locale language = Locale.forLanguageTag(environment.getProperty("dqms.web.default-language", "en"));
        return new ReminderJob(
                appointments,
                outbox,
                optOuts,
                senders,
                links,
                messages,
                language,
                new org.springframework.transaction.support.TransactionTemplate(transactions),
                clock,
                schema);
    }

    @Bean
    WebhookIntents webhookIntents(
            OutboxRepository outbox, SubscribedEndpoints endpoints, TokenContacts contacts, Clock clock) {
        return new WebhookIntents(outbox, endpoints, contacts, clock);
    }

    @Bean
    Dispatcher notificationDispatcher(
            OutboxRepository outbox,
            OptOuts optOuts,
            Senders senders,
            WebhookEndpoints endpoints,
            NotificationSettings settings,
            NotificationFailures failures,
            Clock clock,
            SchemaGate schema) {
        IntegratorSender integrators = new IntegratorSender(
                () -> java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(5))
                        .build(),
                endpoints,
                clock,
                settings.attemptTimeout());
        return new Dispatcher(outbox, optOuts, senders, integrators, settings, failures, clock, schema);
    }
}
