package org.dqms.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which unpacked copies of the jar ({@link UnpackedJar}) processes run from. A process holds a
 * shared lock on its copy's {@code in-use.lock} until it exits (the operating system releases it
 * even after a crash); another process removes a copy only while it holds that file's exclusive
 * lock, which it cannot get while anyone runs from the copy.
 */
final class CopiesInUse {

    static final String LOCK_FILE = "in-use.lock";

    // One lock per copy and process: the JVM refuses a second lock on a file it already locks.
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private CopiesInUse() {}

    /**
     * Marks {@code copy} as in use by this process until {@link #release}. Returns {@code false}
     * when the copy was removed, or was being removed, before the lock was taken: its
     * {@code marker}, which removal deletes first, is gone.
     */
    static boolean hold(Path copy, Path marker) throws IOException {
        try {
            HELD.computeIfAbsent(copy, CopiesInUse::lockShared);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return false;
            }
            throw e.getCause();
        }
        if (Files.isRegularFile(marker)) {
            return true;
        }
        release(copy);
        return false;
    }

    static void release(Path copy) throws IOException {
        FileChannel channel = HELD.remove(copy);
        if (channel != null) {
            channel.close();
        }
    }

    /** Removes {@code copy}, its {@code marker} first, unless a process runs from it; returns whether it did. */
    static boolean removeUnlessHeld(Path copy, Path marker) throws IOException {
        if (HELD.containsKey(copy)) {
            return false;
        }
        try (FileChannel channel =
                FileChannel.open(copy.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisProcess) {
                return false;
            }
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(marker);
            UnpackedJar.deleteRecursively(copy);
            return true;
        }
    }

    private static FileChannel lockShared(Path copy) {
        try {
            FileChannel channel = FileChannel.open(
                    copy.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channel.lock(0, Long.MAX_VALUE, true);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
