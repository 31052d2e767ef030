package org.dqms.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP. SMTP has no idempotency key: the Message-ID is made from the intent's key, so a
 * message sent again after a crash carries the same id and mail clients show it once.
 *
 * <p>Jakarta Mail's timeouts bound each SMTP command, not the message: a server that answers every
 * command just in time may hold one send past the lease, when another instance claims the message
 * and sends it too. So a send runs on a thread of its own, and when the attempt's deadline passes
 * its connection is closed under it ({@link SmtpSockets}).
 */
final class EmailSender implements Sender {

    private final JavaMailSenderImpl mail;
    private final String from;
    private final Duration deadline;
    private final SmtpSockets sockets = new SmtpSockets();
    private final ExecutorService sending = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dqms-smtp");
        thread.setDaemon(true);
        return thread;
    });

    EmailSender(JavaMailSenderImpl mail, String from, Duration deadline) {
        Properties properties = mail.getJavaMailProperties();
        for (String protocol : new String[] {"smtp", "smtps"}) {
            properties.put("mail." + protocol + ".socketFactory", sockets);
            // Else a socket refused after the deadline would be made again without the factory.
            properties.put("mail." + protocol + ".socketFactory.fallback", "false");
        }
        // Setting them again drops a session made before, which would not know the factory.
        mail.setJavaMailProperties(properties);
        this.mail = mail;
        this.from = from;
        this.deadline = deadline;
    }

    @Override
    public void send(Message message) throws SendFailure {
        MimeMessage mime = compose(message);
        SmtpSockets.Conversation conversation = new SmtpSockets.Conversation();
        Future<?> sent = sending.submit(() -> sockets.during(conversation, () -> mail.send(mime)));
        AttemptDeadline.await(
                sent,
                deadline,
                () -> {
                    conversation.end();
                    sent.cancel(true);
                },
                "SMTP");
    }

    private MimeMessage compose(Message message) throws SendFailure {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper email = new MimeMessageHelper(mime, "UTF-8");
            email.setFrom(from);
            email.setTo(message.recipient());
            email.setSubject(message.subject());
            email.setText(message.body());
            mime.saveChanges();
            mime.setHeader("Message-ID", "<" + message.idempotencyKey() + "@dqms>");
            return mime;
        } catch (MessagingException | MailException e) {
            throw new SendFailure("SMTP: " + e.getClass().getSimpleName(), e);
        }
    }
}
