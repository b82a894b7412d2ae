package no.flyt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a child's working directory, held by the parent while the child runs, so that a
 * second start on the same directory fails with a clear message instead of rewriting the running child's
 * configuration and truncating its log. The OS releases it if the parent dies.
 */
final class DirectoryLock implements AutoCloseable {

    static final String LOCK_FILE_NAME = "flyt.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param user what will use the directory, e.g. "Kafka broker"; recorded in the lock file so that a
     *             failed attempt can say who holds it
     */
    static DirectoryLock acquire(Path dir, String user) {
        Path lockFile = dir.resolve(LOCK_FILE_NAME);
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM
            }
            if (lock == null) {
                channel.close();
                throw new EmbeddedStackException("The directory " + dir + " is in use by " + holder(lockFile)
                        + "; stop that first or use another directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("a " + user + " started by process " + ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            return new DirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + lockFile, e);
        }
    }

    private static String holder(Path lockFile) {
        try {
            String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return holder.isEmpty() ? "another flyt process" : holder;
        } catch (IOException e) {
            return "another flyt process";
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
