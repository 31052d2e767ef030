package org.dqms.department;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute links to dqms pages, for what leaves the screen: QR codes on posters and tickets, which a
 * phone scans. They start with {@code DQMS_PUBLIC_URL} when it is set, else with the scheme and host
 * of the current request.
 */
@Component
@EnableConfigurationProperties(PosterSettings.class)
public class PublicLinks {

    private final String base;

    PublicLinks(PosterSettings settings) {
        String url = settings.publicUrl();
        this.base = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

    /** The absolute URL of a path of this site, e.g. {@code /join/7}; during a request only. */
    public String absolute(String path) {
        if (base != null) {
            return base + path;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    /**
     * The absolute URL where one can be made: always with {@code DQMS_PUBLIC_URL}, otherwise only
     * during a request. Background jobs (reminders) call this.
     */
    public java.util.Optional<String> absoluteIfKnown(String path) {
        if (base == null
                && org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(absolute(path));
    }

    /** The join page of a department, which its poster's QR code opens. */
    public String joinPage(long departmentId) {
        return absolute("/join/" + departmentId);
    }
}
