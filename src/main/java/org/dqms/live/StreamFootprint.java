package org.dqms.live;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.dqms.platform.ServerOnly;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What an open event stream costs the server, kept small: an instance holds ten thousand of them.
 *
 * <ul>
 *   <li>No observations of stream requests. The HTTP server's observation stays open, with its
 *       long-task timer, for as long as a request lasts: for a stream, its whole life. The live
 *       module's own metrics count streams instead. (Spring Security observes nothing at all:
 *       SecurityConfiguration.)
 *   <li>2 KiB socket buffers instead of Tomcat's 8 KiB, for reading and for writing, on every
 *       connection: requests and events are far smaller, and a larger body is read in more turns.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ServerOnly
class StreamFootprint {

    static final String SOCKET_BUFFER_BYTES = "2048";

    @Bean
    ObservationPredicate noObservationsOfLiveStreams() {
        return (name, context) -> {
            if (context instanceof ServerRequestObservationContext server) {
                return !isStream(server.getCarrier());
            }
            return true;
        };
    }

    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", SOCKET_BUFFER_BYTES);
            connector.setProperty("socket.appWriteBufSize", SOCKET_BUFFER_BYTES);
        };
    }

    private static boolean isStream(HttpServletRequest request) {
        return request != null && request.getRequestURI().startsWith(LiveStreamServlet.PATH + "/");
    }
}
