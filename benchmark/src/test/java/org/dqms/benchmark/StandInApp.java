package org.dqms.benchmark;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A stand-in for dqms that {@code AppProcessTest} packages as a jar of its own and starts the way the
 * benchmark starts dqms: {@code java -jar}, its port in {@code PORT}. It prints what it was given,
 * one line each, then answers {@code /actuator/health/readiness}. System properties, passed as JVM
 * options, tell it how to behave:
 *
 * <ul>
 *   <li>{@code stand-in.exit=N}: says it cannot start and exits with N;
 *   <li>{@code stand-in.ready-after-ms=N}: answers 503 for N milliseconds after its start, then 200;
 *       -1 for never;
 *   <li>{@code stand-in.hold-mib=N}: holds N MiB of written memory;
 *   <li>{@code stand-in.ignore-term=true}: a SIGTERM never ends it, as a hung shutdown.
 * </ul>
 *
 * <p>With arguments, it is a command instead: {@code exit N} exits with N at once. It uses only the
 * JDK and has no nested classes, so that the jar holds this one class.
 */
public final class StandInApp {

    private static byte[] held;

    private StandInApp() {}

    public static void main(String[] args) throws Exception {
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println("jvm " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("dir " + System.getProperty("user.dir"));
        System.out.println("jar cache " + System.getenv("DQMS_JAR_CACHE_DIR"));
        System.out.println("ward " + System.getenv("STAND_IN_WARD"));
        if (args.length == 2 && args[0].equals("exit")) {
            System.exit(Integer.parseInt(args[1]));
        }
        int exit = Integer.getInteger("stand-in.exit", -1);
        if (exit >= 0) {
            System.out.println("stand-in cannot start");
            System.exit(exit);
        }
        held = new byte[Integer.getInteger("stand-in.hold-mib", 0) * 1024 * 1024];
        Arrays.fill(held, (byte) 1);
        if (Boolean.getBoolean("stand-in.ignore-term")) {
            Runtime.getRuntime().addShutdownHook(new Thread(StandInApp::hang));
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopped gracefully")));
        }
        long readyAfter = Long.getLong("stand-in.ready-after-ms", 0);
        long started = System.nanoTime();
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            long since = (System.nanoTime() - started) / 1_000_000;
            exchange.sendResponseHeaders(readyAfter >= 0 && since >= readyAfter ? 200 : 503, -1);
            exchange.close();
        });
        server.start();
        System.out.println("port " + port);
    }

    private static void hang() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
