package org.dqms.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP. SMTP has no idempotency key: the Message-ID is made from the intent's key, so a
 * message sent again after a crash carries the same id and mail clients show it once.
 */
final class EmailSender implements Sender {

    private final JavaMailSender mail;
    private final String from;

    EmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(Message message) throws SendFailure {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper email = new MimeMessageHelper(mime, "UTF-8");
            email.setFrom(from);
            email.setTo(message.recipient());
            email.setSubject(message.subject());
            email.setText(message.body());
            mime.saveChanges();
            mime.setHeader("Message-ID", "<" + message.idempotencyKey() + "@dqms>");
            mail.send(mime);
        } catch (MessagingException | MailException e) {
            throw new SendFailure("SMTP: " + e.getClass().getSimpleName(), e);
        }
    }
}
