package org.dqms.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, on its own embedded PostgreSQL in a fresh data
 * directory, so cached test contexts never share a database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dqms.data-dir=target/test-data/${random.uuid}", RunningApp.GENEROUS_RATE_LIMITS})
public @interface IntegrationTest {}
