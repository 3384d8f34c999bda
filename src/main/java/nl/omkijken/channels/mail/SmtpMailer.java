package nl.omkijken.channels.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;
import nl.omkijken.booking.Mailer;

/**
 * The invites by SMTP (Vert.x's mail client): STARTTLS required, TLS from the start, or none for a relay on this
 * machine (the configuration refuses none for another host). The invite goes as an attachment
 * {@code afspraak.ics} (text/calendar), which mail programs offer to put in the calendar.
 */
public final class SmtpMailer implements Mailer {
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(20);
    private final MailClient client;
    private final String from;

    /**
     * @param security starttls, tls or none
     * @param username null: no login
     */
    public SmtpMailer(Vertx vertx, String host, int port, String security, String username, String password, String from) {
        MailConfig config = new MailConfig().setHostname(host).setPort(port)
                .setStarttls("starttls".equals(security) ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setSsl("tls".equals(security))
                .setLogin(username == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
                .setKeepAlive(false)
                // A mail server that does not answer (or a port that speaks TLS to a client that waits for plain
                // text) must not hold the tasks that come after: every wait is bounded.
                .setConnectTimeout((int) TIMEOUT.toMillis()).setIdleTimeout((int) TIMEOUT.toSeconds())
                .setSslHandshakeTimeout(TIMEOUT.toSeconds());
        if (username != null) config.setUsername(username).setPassword(password);
        this.client = MailClient.createShared(vertx, config, "omkijken-invites");
        this.from = from;
    }

    @Override
    public Future<Boolean> send(String to, String subject, String text, String ics) {
        MailAttachment invite = MailAttachment.create().setName("afspraak.ics")
                .setContentType("text/calendar; charset=UTF-8; method=PUBLISH")
                .setData(Buffer.buffer(ics));
        MailMessage m = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text).setAttachment(List.of(invite));
        return client.sendMail(m).timeout(TIMEOUT.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS).map(r -> true);
    }

    public Future<Void> close() {
        return client.close();
    }
}
