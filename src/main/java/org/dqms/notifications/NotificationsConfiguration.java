package org.dqms.notifications;

import java.time.Clock;
import java.util.Locale;
import org.dqms.appointment.AppointmentReminders;
import org.dqms.database.SchemaGate;
import org.dqms.department.PublicLinks;
import org.dqms.platform.Deployment;
import org.dqms.platform.ServerOnly;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.TokenContacts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
        return new NotificationIntents(
                outbox,
                nearTurn,
                optOuts,
                contacts,
                snapshots,
                senders,
                messages,
                settings,
                defaultLanguage(environment),
                clock);
    }

    private static Locale defaultLanguage(Environment environment) {
        return Locale.forLanguageTag(environment.getProperty("dqms.web.default-language", "en"));
    }

    @Bean
    AppointmentMessages appointmentMessages(
            OutboxRepository outbox,
            OptOuts optOuts,
            Senders senders,
            PublicLinks links,
            MessageSource messages,
            Environment environment) {
        return new AppointmentMessages(outbox, optOuts, senders, links, messages, defaultLanguage(environment));
    }

    @Bean
    ReminderJob reminderJob(
            AppointmentReminders appointments,
            AppointmentMessages messages,
            PlatformTransactionManager transactions,
            Clock clock,
            SchemaGate schema) {
        return new ReminderJob(appointments, messages, new TransactionTemplate(transactions), clock, schema);
    }

    @Bean
    CancelledAppointmentNotices cancelledAppointmentNotices(
            AppointmentReminders appointments, AppointmentMessages messages, Clock clock) {
        return new CancelledAppointmentNotices(appointments, messages, clock);
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
