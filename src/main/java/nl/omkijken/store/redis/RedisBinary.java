package nl.omkijken.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which redis-server program {@link EmbeddedRedis} runs.
 *
 * <ul>
 *   <li>{@link #system()}: an installed redis-server (found on the PATH, or in /usr/bin or /usr/local/bin);</li>
 *   <li>{@link #bundled()}: the Linux binary shipped inside the {@code com.github.codemonstur:embedded-redis}
 *       jar (Redis 6.2), copied out into the data directory and made executable;</li>
 *   <li>{@link #preferSystem()}: the installed one when there is one, else the bundled one.</li>
 * </ul>
 */
public abstract class RedisBinary {
    private static final List<String> SYSTEM_CANDIDATES =
            List.of("redis-server", "/usr/bin/redis-server", "/usr/local/bin/redis-server");
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");

    /** A runnable redis-server: the command (a path, or a name the OS finds on the PATH) and its version. */
    public record Program(String command, int major, int minor, String version, boolean bundled) {
        boolean atLeast(int wantMajor, int wantMinor) {
            return major > wantMajor || (major == wantMajor && minor >= wantMinor);
        }
    }

    /** Finds or prepares the program. {@code dataDir} may hold an extracted copy. */
    public abstract Program locate(Path dataDir) throws IOException;

    public static RedisBinary system() {
        return new RedisBinary() {
            @Override
            public Program locate(Path dataDir) throws IOException {
                for (String candidate : SYSTEM_CANDIDATES) {
                    Program p = probe(candidate, false);
                    if (p != null) {
                        return p;
                    }
                }
                throw new IOException("no installed redis-server found (looked on the PATH, in /usr/bin and "
                        + "/usr/local/bin); install it (Debian: apt-get install redis-server)");
            }

            @Override
            public String toString() {
                return "system redis-server";
            }
        };
    }

    public static RedisBinary bundled() {
        return new RedisBinary() {
            @Override
            public Program locate(Path dataDir) throws IOException {
                String resource = bundledResource();
                Path target = dataDir.resolve("bin").resolve(resource);
                extract(resource, target);
                Program p = probe(target.toString(), true);
                if (p == null) {
                    throw new IOException("the redis-server bundled in the embedded-redis jar does not run here ("
                            + target + "); install redis-server instead");
                }
                return p;
            }

            @Override
            public String toString() {
                return "bundled redis-server";
            }
        };
    }

    public static RedisBinary preferSystem() {
        RedisBinary system = system();
        RedisBinary bundled = bundled();
        return new RedisBinary() {
            @Override
            public Program locate(Path dataDir) throws IOException {
                try {
                    return system.locate(dataDir);
                } catch (IOException noSystem) {
                    return bundled.locate(dataDir);
                }
            }

            @Override
            public String toString() {
                return "system redis-server, else the bundled one";
            }
        };
    }

    /** The jar's binary for this machine; only Linux on x86_64 and arm64 are shipped. */
    private static String bundledResource() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("linux") && (arch.equals("aarch64") || arch.equals("arm64"))) {
            return "redis-server-6.2.7-linux-arm64";
        }
        throw new IOException("the embedded-redis jar has no redis-server for " + os + "/" + arch
                + "; install redis-server");
    }

    private static void extract(String resource, Path target) throws IOException {
        try (InputStream in = RedisBinary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException("redis-server binary " + resource
                        + " is not on the classpath (is com.github.codemonstur:embedded-redis missing?)");
            }
            Files.createDirectories(target.getParent());
            // Copy to a temporary name and move, so a crash mid-copy never leaves a broken binary behind.
            Path partial = Files.createTempFile(target.getParent(), resource, ".part");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Runs {@code command --version}; null when it cannot run. */
    static Program probe(String command, boolean bundled) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Matcher m = VERSION.matcher(out);
            if (p.exitValue() != 0 || !m.find()) {
                return null;
            }
            return new Program(command, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(1) + "." + m.group(2) + "." + m.group(3), bundled);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

