package nl.omkijken.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script shipped as a resource next to this class, run by its SHA1 (EVALSHA). When Redis does
 * not know the script yet (first use, or after a restart emptied its script cache) it answers
 * NOSCRIPT, and the script is sent in full once with EVAL, which also caches it on the server.
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Loads {@code <name>.lua} from this package's resources, after the {@code libraries} (their
     * {@code .lua} files, in order): Redis scripts cannot call each other, so a piece of logic two scripts
     * share (finding a person by address) is written once and put in front of each.
     */
    static LuaScript load(String name, String... libraries) {
        StringBuilder source = new StringBuilder();
        for (String library : libraries) source.append(read(library)).append('\n');
        return new LuaScript(name, source.append(read(name)).toString());
    }

    private static String read(String name) {
        String resource = name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    String name() {
        return name;
    }

    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> commands, ScriptOutputType type,
                               String[] keys, String... args) {
        CompletionStage<T> bySha = commands.evalsha(sha, type, keys, args);
        return bySha.exceptionallyCompose(err -> unwrap(err) instanceof RedisNoScriptException
                ? commands.<T>eval(source, type, keys, args)
                : CompletableFuture.failedStage(unwrap(err)));
    }

    private static Throwable unwrap(Throwable err) {
        return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-1", e);
        }
    }
}
