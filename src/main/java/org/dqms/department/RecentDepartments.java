package org.dqms.department;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dqms.platform.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Departments with their hours as read at most {@link #MAX_AGE_MILLIS} ago, for the joins, which
 * would otherwise read a department, its weekly hours and its closed dates on every request (ADR
 * 0020). A department is read again after a change on this instance (after the commit), and in any
 * case once its entry is that old: another instance's change of hours or capacity applies here
 * within that time. Change notifications do not drop entries, since nearly all of them are of
 * tokens, which leave the department as it is.
 */
@Component
public class RecentDepartments {

    static final long MAX_AGE_MILLIS = 1000;

    private record Entry(Department department, long readAt) {}

    private final DepartmentService departments;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    RecentDepartments(DepartmentService departments) {
        this.departments = departments;
    }

    /** The department, or {@link NotFoundException} (404). */
    public Department get(long id) {
        long now = System.nanoTime();
        Entry entry = entries.get(id);
        if (entry != null && now - entry.readAt() < TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
            return entry.department();
        }
        long before = changes.get();
        Department department = departments.get(id);
        // A read that a change overtook may hold the state before it: it answers, but is not kept.
        if (changes.get() == before) {
            entries.put(id, new Entry(department, now));
        }
        return department;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DepartmentChanged event) {
        changes.incrementAndGet();
        entries.remove(event.departmentId());
    }
}
