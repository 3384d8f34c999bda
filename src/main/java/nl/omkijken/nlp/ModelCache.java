package nl.omkijken.nlp;

import opennlp.tools.doccat.DoccatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trained OpenNLP models kept on disk, named after a hash of everything that shaped them (phrases in
 * order, settings, feature version): changed data gives a new name and a retrain. Training takes
 * seconds; a cached model loads in milliseconds, which every test and every start is glad of.
 */
final class ModelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

    private ModelCache() {}

    /**
     * The cached model {@code <prefix>-<key>.bin}, or a trained one that is then cached. An unreadable
     * cache file is replaced; a folder that cannot be written only costs the retraining at the next
     * start. A null {@code cacheDir} means: train, cache nothing.
     */
    static DoccatModel loadOrTrain(Path cacheDir, String prefix, String key, Supplier<DoccatModel> train) {
        if (cacheDir == null) return train.get();
        Path file = cacheDir.resolve(prefix + "-" + key + ".bin");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return new DoccatModel(in);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cached {} model {} unreadable, retraining: {}", prefix, file.getFileName(), e.toString());
            }
        }
        DoccatModel trained = train.get();
        save(trained, file, prefix);
        return trained;
    }

    /** Hash of a header (settings, feature version) and the examples in order. */
    static String key(String header, List<Example> examples) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (Example e : examples) {
                sha.update((e.intent() + "\t" + e.language() + "\t" + e.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void save(DoccatModel model, Path file, String prefix) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), prefix + "-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.serialize(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not cache the {} model in {}: {}", prefix, file.getParent(), e.toString());
        }
    }
}
