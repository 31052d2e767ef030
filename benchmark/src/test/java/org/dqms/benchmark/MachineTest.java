package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CPU and memory figures of the results table come from Linux's /proc as {@code Machine} reads
 * it. They must agree with what the JDK reports for the same process, and a process's tree must
 * include the CPU of its live children, as PostgreSQL's postmaster has its backends.
 */
class MachineTest {

    @Test
    void aProcessTreeCountsTheCpuOfItsLiveChildren() throws Exception {
        // A shell that waits while its child, yes, keeps a core busy.
        Process shell = new ProcessBuilder("sh", "-c", "yes > /dev/null & sleep 30").start();
        try {
            Thread.sleep(1_500);
            ProcessHandle busy = shell.toHandle()
                    .children()
                    .filter(child -> child.info().command().orElse("").endsWith("yes"))
                    .findFirst()
                    .orElseThrow();

            long busyMillis = Machine.cpuMillis(busy.pid());
            long jdkMillis = busy.info().totalCpuDuration().orElseThrow().toMillis();
            long shellMillis = Machine.cpuMillis(shell.pid());
            long treeMillis = Machine.treeCpuMillis(shell.pid());

            assertThat(busyMillis).isGreaterThanOrEqualTo(300);
            // Ticks of 10 ms, read a moment apart.
            assertThat(busyMillis).isBetween(jdkMillis - 100, jdkMillis + 100);
            assertThat(shellMillis).isLessThan(100);
            assertThat(treeMillis).isGreaterThanOrEqualTo(shellMillis + busyMillis);
        } finally {
            shell.toHandle().descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
            shell.waitFor();
        }
    }

    @Test
    void theResidentSetOfThisJvmIsRead() {
        long pid = ProcessHandle.current().pid();

        long rss = Machine.rssMib(pid);
        long peak = Machine.peakRssMib(pid);

        // A JVM running tests holds tens of MiB at the least.
        assertThat(rss).isGreaterThan(20);
        assertThat(peak).isGreaterThanOrEqualTo(rss);
    }

    @Test
    void thisJvmsOwnCpuGrowsWithWork() {
        long before = Machine.ownCpuMillis();
        long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
        long spins = 0;
        while (System.nanoTime() < until) {
            spins += List.of(spins).hashCode() & 1;
        }

        assertThat(Machine.ownCpuMillis() - before).as("after %d spins", spins).isGreaterThanOrEqualTo(200);
    }
}
