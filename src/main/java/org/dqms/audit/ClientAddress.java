package org.dqms.audit;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address of the client whose request is being handled on this thread. Listeners run on the
 * publisher's thread, so they see the request that caused the event; behind a proxy it is the
 * address from {@code X-Forwarded-For} ({@code server.forward-headers-strategy: framework}).
 */
final class ClientAddress {

    private ClientAddress() {}

    /** The address, or null outside a request (a scheduled sweep, a command). */
    static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            return request.getRequest().getRemoteAddr();
        }
        return null;
    }
}
