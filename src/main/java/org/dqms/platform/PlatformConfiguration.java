package org.dqms.platform;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformSettings.class)
class PlatformConfiguration {

    @Bean
    Deployment deployment(PlatformSettings settings, Environment environment) {
        return Deployment.of(settings, environment);
    }
}
