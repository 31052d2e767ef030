package org.dqms.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who started dqms where to open it. */
@Component
@ServerOnly
class ReadyAnnouncement {

    private static final Logger log = LoggerFactory.getLogger("org.dqms");

    private final Deployment deployment;

    ReadyAnnouncement(Deployment deployment) {
        this.deployment = deployment;
    }

    @EventListener
    void announce(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            log.info(
                    "dqms is running at http://localhost:{}/ ({} mode)",
                    web.getWebServer().getPort(),
                    deployment.describe());
        }
    }
}
