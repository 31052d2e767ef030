package org.dqms.security;

import java.time.Clock;
import org.dqms.platform.ServerOnly;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rate limits on sign-in, sign-up and joining; the sweep runs on the scheduler that SecurityConfiguration enables. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
@ServerOnly
class RateLimitConfiguration {

    /**
     * Right after Spring Security: the forwarded headers (highest precedence) have set the client
     * address by then, the firewall has refused malformed paths, and a 429 gets the security headers.
     */
    static final int FILTER_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

    @Bean
    RateLimitRepository rateLimitRepository(JdbcClient jdbc) {
        return new RateLimitRepository(jdbc);
    }

    @Bean
    RateLimits rateLimits(RateLimitRepository counters, Clock clock) {
        return new RateLimits(counters, clock);
    }

    @Bean
    RateLimitSweep rateLimitSweep(RateLimitRepository counters, Clock clock) {
        return new RateLimitSweep(counters, clock);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits, RateLimitSettings settings) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(limits, settings));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
