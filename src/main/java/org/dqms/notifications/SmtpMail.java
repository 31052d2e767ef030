package org.dqms.notifications;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.platform.Secrets;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The connection to the SMTP server, as {@code DQMS_SMTP_*} set it. TLS is required unless
 * {@code DQMS_SMTP_TLS=none}: a password and patients' addresses do not cross the network in clear
 * text, and a server that does not offer STARTTLS gets nothing rather than a plain message.
 * Production takes {@code none} only for a relay on the same machine.
 */
final class SmtpMail {

    private static final Pattern IP_LITERAL =
            Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[?[0-9a-fA-F.]*:[0-9a-fA-F:.]*]?");

    private SmtpMail() {}

    static JavaMailSenderImpl sender(NotificationSettings.Smtp smtp, Deployment deployment) {
        String host = smtp.host().strip();
        if (host.isEmpty()) {
            throw new InvalidSettingException("DQMS_SMTP_HOST", "DQMS_MAIL_FROM is set, so email needs an SMTP server");
        }
        if (smtp.tls().equals("none") && deployment.production() && !loopback(host)) {
            throw new InvalidSettingException(
                    "DQMS_SMTP_TLS", "production sends email over TLS; none is only for a relay on this machine");
        }
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost(host);
        mail.setPort(smtp.port());
        mail.setDefaultEncoding("UTF-8");
        if (!smtp.username().isBlank()) {
            mail.setUsername(smtp.username().strip());
        }
        Secrets.read("DQMS_SMTP_PASSWORD", smtp.password(), smtp.passwordFile()).ifPresent(mail::setPassword);
        Properties properties = mail.getJavaMailProperties();
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "10000");
        properties.setProperty("mail.smtp.writetimeout", "10000");
        switch (smtp.tls()) {
            case "starttls" -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "tls" -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
                // none: plain SMTP to a relay on this machine.
            }
        }
        return mail;
    }

    /** Whether the host is this machine: {@code localhost} or a loopback address, never looked up in DNS. */
    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
