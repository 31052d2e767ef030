package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Repositories are proxied only for their own transactions: JdbcClient translates SQL errors
 * itself, so a proxy for exception translation would cost a generated class at every start and an
 * interceptor on every call, and translate nothing.
 */
@IntegrationTest
class RepositoriesUnproxiedTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noRepositoryIsProxiedForExceptionTranslation() {
        Map<String, Object> repositories = context.getBeansWithAnnotation(Repository.class);

        assertThat(repositories).hasSizeGreaterThan(20);
        assertThat(repositories.values().stream()
                        .filter(AopUtils::isAopProxy)
                        .flatMap(proxy -> Arrays.stream(((Advised) proxy).getAdvisors()))
                        .map(Advisor::getAdvice))
                .allMatch(advice -> advice instanceof TransactionInterceptor);
        assertThat(repositories.values().stream().filter(AopUtils::isAopProxy))
                .as("most repositories hold no transaction of their own")
                .hasSizeLessThan(3);
    }
}
