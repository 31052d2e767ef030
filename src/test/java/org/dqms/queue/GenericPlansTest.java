package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim of call-next and the read of a department's queue are planned once per connection, not
 * on every call: PostgreSQL would otherwise keep making a plan for each call's parameters (see
 * QueueRepository). The setting that does it lasts only as long as the caller's transaction, so a
 * pooled connection, or a transaction pooler's next client, never inherits it.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class GenericPlansTest {

    /** More than the driver's five executions before it prepares a statement on the server. */
    private static final int EXECUTIONS = 12;

    private static final String PLANS_OF = """
            SELECT sum(generic_plans) AS generic, sum(custom_plans) AS custom
              FROM pg_prepared_statements
             WHERE statement LIKE :text
            """;

    @Autowired
    QueueTestData data;

    @Autowired
    QueueRepository queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Test
    void theClaimIsPlannedOnceForAllCalls() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        data.join(department);
        data.join(department, data.patient(Priority.PRIORITY));

        // One transaction keeps one connection; its claims all find the same token, which it holds.
        Map<String, Object> plans = new TransactionTemplate(transactions).execute(status -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                assertThat(queue.claimNext(doctor.id(), doctor.departmentIds(), 3, QueueTestData.START))
                        .isPresent();
            }
            status.setRollbackOnly();
            return plansOf("%streaks AS MATERIALIZED%");
        });

        assertThat(((Number) plans.get("generic")).longValue()).isPositive();
        assertThat(((Number) plans.get("custom")).longValue()).isZero();
    }

    @Test
    void theQueueIsPlannedOnceForAllReads() {
        Department department = data.department().create();
        data.join(department);
        data.join(department, data.patient(Priority.PRIORITY));

        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        Map<String, Object> plans = readOnly.execute(status -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                assertThat(queue.queue(department.id(), QueueTestData.START, 3).waiting())
                        .hasSize(2);
            }
            return plansOf("%counted AS%");
        });

        assertThat(((Number) plans.get("generic")).longValue()).isPositive();
        assertThat(((Number) plans.get("custom")).longValue()).isZero();
    }

    @Test
    void theSettingEndsWithTheCallsTransaction() throws Exception {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        data.join(department);

        try (Connection connection = dataSource.getConnection()) {
            JdbcClient one = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            connection.setAutoCommit(false);
            new QueueRepository(one).claimNext(doctor.id(), doctor.departmentIds(), 3, QueueTestData.START);
            String during = planCacheMode(one);
            connection.commit();
            String after = planCacheMode(one);
            connection.setAutoCommit(true);

            assertThat(during).isEqualTo("force_generic_plan");
            assertThat(after).isEqualTo("auto");
        }
    }

    private Map<String, Object> plansOf(String text) {
        return jdbc.sql(PLANS_OF).param("text", text).query().singleRow();
    }

    private static String planCacheMode(JdbcClient jdbc) {
        return jdbc.sql("SELECT current_setting('plan_cache_mode')")
                .query(String.class)
                .single();
    }
}
