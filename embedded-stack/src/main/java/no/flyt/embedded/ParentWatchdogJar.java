package no.flyt.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import no.flyt.embedded.internal.ParentWatchdog;

/**
 * Writes the {@link ParentWatchdog} agent into a one-class jar in the {@link CacheDirectory}, named after a
 * hash of the class so that every flyt version gets its own. The child cannot simply use this module's jar:
 * when flyt runs from a shaded jar, that would put all of flyt's dependencies on the broker's classpath.
 */
final class ParentWatchdogJar {

    private static final String ENTRY = ParentWatchdog.class.getName().replace('.', '/') + ".class";

    private static Path jar;

    private ParentWatchdogJar() {
    }

    static synchronized Path path() throws IOException {
        if (jar == null || !Files.isRegularFile(jar)) {
            jar = writeOnce();
        }
        return jar;
    }

    private static Path writeOnce() throws IOException {
        byte[] classFile = classFile();
        Path dir = CacheDirectory.path();
        Path target = dir.resolve("parent-watchdog-" + shortHash(classFile) + ".jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(dir);
        // Written under a private name and renamed, so that a JVM never sees another one's half-written jar.
        Path temp = Files.createTempFile(dir, ".parent-watchdog-", ".jar");
        try {
            write(temp, classFile);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another JVM was first; its jar is identical
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static void write(Path file, byte[] classFile) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        try (OutputStream out = Files.newOutputStream(file);
             JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry(ENTRY));
            jarOut.write(classFile);
            jarOut.closeEntry();
        }
    }

    private static byte[] classFile() throws IOException {
        try (InputStream in = ParentWatchdog.class.getResourceAsStream("/" + ENTRY)) {
            if (in == null) {
                throw new IOException(ENTRY + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
