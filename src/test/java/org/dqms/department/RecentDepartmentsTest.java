package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dqms.platform.NotFoundException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Departments as recently read: a change on this instance shows at once, another instance's (an
 * update written straight into the table stands for one) within a second.
 */
@IntegrationTest
class RecentDepartmentsTest {

    private static final String CHANGE_BEHIND_THE_BACK =
            "UPDATE dqms.department SET daily_capacity = :capacity WHERE id = :id";

    @Autowired
    DepartmentService departments;

    @Autowired
    RecentDepartments recent;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChangeOnThisInstanceShowsAtOnce() {
        Department department = TestDepartments.create(departments, "Recent");
        assertThat(recent.get(department.id()).dailyCapacity()).isEqualTo(100);

        departments.update(
                TestDepartments.ADMIN,
                department.id(),
                new DepartmentDetails(department.name(), department.prefix(), department.timeZone(), 7, 20));

        assertThat(recent.get(department.id()).dailyCapacity()).isEqualTo(7);
    }

    @Test
    void anotherInstancesChangeShowsWithinASecond() throws InterruptedException {
        Department department = TestDepartments.create(departments, "Recent");
        assertThat(recent.get(department.id()).dailyCapacity()).isEqualTo(100);

        changeBehindTheBack(department, 8);
        assertThat(recent.get(department.id()).dailyCapacity())
                .as("as read a moment ago")
                .isEqualTo(100);
        Thread.sleep(RecentDepartments.MAX_AGE_MILLIS + 50);
        assertThat(recent.get(department.id()).dailyCapacity()).isEqualTo(8);
    }

    @Test
    void anUnknownDepartmentIsNotFound() {
        assertThatThrownBy(() -> recent.get(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
    }

    private void changeBehindTheBack(Department department, int capacity) {
        jdbc.sql(CHANGE_BEHIND_THE_BACK)
                .param("capacity", capacity)
                .param("id", department.id())
                .update();
    }
}
