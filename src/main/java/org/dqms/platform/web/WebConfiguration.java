package org.dqms.platform.web;

import java.time.Duration;
import java.util.Locale;
import org.dqms.platform.ServerOnly;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import tools.jackson.databind.JacksonModule;

/**
 * The pages' language: {@code ?lang=hi} switches and a cookie remembers it; without either, the
 * browser's Accept-Language if dqms speaks it, else {@code DQMS_DEFAULT_LANGUAGE}. The API's
 * formats: JSON only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSettings.class)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    WebMvcRegistrations methodFirstHandlerMapping() {
        return MethodFirstHandlerMapping.registration();
    }

    /** JSON text must be valid Unicode: an unpaired surrogate is refused, not stored as {@code ?}. */
    @Bean
    JacksonModule wellFormedText() {
        return WellFormedText.module();
    }

    /**
     * Around Spring Security and the filters after it (the rate limits), inside the forwarded
     * headers, the character encoding and the request observation.
     */
    @Bean
    @ServerOnly
    FilterRegistrationBean<DatabaseBusyFilter> databaseBusyFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver mvcErrors) {
        FilterRegistrationBean<DatabaseBusyFilter> registration =
                new FilterRegistrationBean<>(new DatabaseBusyFilter(mvcErrors));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    LocaleResolver localeResolver(WebSettings settings) {
        CookieLocaleResolver resolver = new CookieLocaleResolver(Languages.COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(request -> {
            Locale wanted = request.getLocale();
            return Languages.SUPPORTED.stream()
                    .filter(l -> l.getLanguage().equals(wanted.getLanguage()))
                    .findFirst()
                    .orElse(Locale.forLanguageTag(settings.defaultLanguage()));
        });
        return resolver;
    }

    /**
     * The API speaks JSON. Spring would also read and write YAML through Jackson 2 because springdoc
     * brings {@code jackson-dataformat-yaml}: a second parser and mapper, configured apart from
     * the application's, behind every endpoint.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.configureMessageConvertersList(list -> list.removeIf(WebConfiguration::readsOrWritesYaml));
    }

    private static boolean readsOrWritesYaml(HttpMessageConverter<?> converter) {
        // Not the converters of any type (bytes, strings, resources): those of application/yaml and */*+yaml.
        return converter.getSupportedMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardType() && type.getSubtype().endsWith("yaml"));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(Languages.PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedLanguagesOnly(change));
    }
}
