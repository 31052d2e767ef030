package org.dqms.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The machine the benchmark runs on, and the CPU time and memory of its processes (Linux /proc). */
final class Machine {

    /** USER_HZ: the unit of CPU times in /proc/<pid>/stat on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the description says less.
        }
        long memory = 0;
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memory = lines.filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            // As above.
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (memory / 1024 / 1024) + " GiB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.runtime.version");
    }

    /** CPU time of this JVM (the load generator and the event-stream clients). */
    static long ownCpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1_000_000;
        }
        return 0;
    }

    /** User and system CPU time of a process, including its children that have ended. */
    static long cpuMillis(long pid) {
        List<String> fields = stat(pid);
        if (fields.isEmpty()) {
            return 0;
        }
        // After "pid (comm)": state is field 3, so utime (14) is index 11 here.
        long ticks = Long.parseLong(fields.get(11))
                + Long.parseLong(fields.get(12))
                + Long.parseLong(fields.get(13))
                + Long.parseLong(fields.get(14));
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** A process and its live children (PostgreSQL's postmaster and its backends). */
    static long treeCpuMillis(long root) {
        long total = cpuMillis(root);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                List<String> fields = stat(Long.parseLong(name));
                if (fields.size() > 12 && Long.parseLong(fields.get(1)) == root) {
                    total += (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)))
                            * 1000
                            / TICKS_PER_SECOND;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A process ended while listed: its time went to the postmaster's children total.
        }
        return total;
    }

    /** Peak resident set size (VmHWM) in MiB, or 0 if unknown. */
    static long peakRssMib(long pid) {
        return statusKib(pid, "VmHWM:") / 1024;
    }

    static long rssMib(long pid) {
        return statusKib(pid, "VmRSS:") / 1024;
    }

    private static long statusKib(long pid, String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith(key))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields of /proc/<pid>/stat after the command name: state, ppid, ... */
    private static List<String> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
