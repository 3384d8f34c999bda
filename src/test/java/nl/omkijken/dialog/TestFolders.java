package nl.omkijken.dialog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test folders from src/test/resources, and copies of them with one change. */
final class TestFolders {
    private TestFolders() {}

    static Path resource(String name) {
        URL url = TestFolders.class.getResource("/" + name);
        if (url == null) throw new IllegalStateException("no test resource " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path valid() { return resource("dialogs-valid"); }

    /** Copies the valid minimal folder into {@code target}. */
    static Path copyOfValid(Path target) {
        return copy(valid(), target);
    }

    /** Copies a dialogs folder (the project's own, to change one file of it) into {@code target}. */
    static Path copy(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces the one occurrence of {@code old} in a file of the folder. */
    static void replace(Path dir, String file, String old, String replacement) {
        String text = read(dir, file);
        int at = text.indexOf(old);
        if (at < 0 || text.indexOf(old, at + 1) >= 0) throw new IllegalArgumentException("not exactly once in " + file + ": " + old);
        write(dir, file, text.replace(old, replacement));
    }

    static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path dir, String file, String text) {
        write(dir, file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path dir, String file, byte[] bytes) {
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> codes(LoadResult r) {
        return r.errors().stream().map(DialogError::code).distinct().sorted().toList();
    }
}
