package org.dqms.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformSettings.class)
class PlatformConfiguration {

    @Bean
    Deployment deployment(PlatformSettings settings, Environment environment) {
        boolean production = "production".equals(settings.env()) || environment.acceptsProfiles(Profiles.of("prod"));
        return new Deployment(
                production,
                settings.commandMode(),
                Path.of(settings.dataDir()).toAbsolutePath().normalize());
    }
}
