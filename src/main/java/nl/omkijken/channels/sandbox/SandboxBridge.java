package nl.omkijken.channels.sandbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TaskHandler;
import nl.omkijken.runner.TurnRunner;

/**
 * The phone simulator's stand-in for putting a waiting caller through to the worker who took them: on the real phone
 * the worker's own phone rings and both join one unrecorded conference; here the simulator shows that the caller is
 * now talking with that worker (by name). The take-over's task, as Twilio's bridge gets it; kept in memory, as the
 * sandbox is one process.
 */
final class SandboxBridge implements TaskHandler {
    private final Map<String, String> connected = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return TurnRunner.putThroughTask(SandboxSender.CHANNEL);
    }

    @Override
    public Future<Void> run(Task task) {
        JsonObject p = new JsonObject(task.payload());
        String conversation = p.getString("conversation");
        String name = p.getString("name");
        if (conversation != null) connected.put(conversation, name == null || name.isBlank() ? "?" : name);
        return Future.succeededFuture();
    }

    /** The worker the simulated call is put through to, or null. */
    String workerOf(String conversationId) {
        return connected.get(conversationId);
    }

    /** The call ended: nobody is connected any more. */
    void ended(String conversationId) {
        connected.remove(conversationId);
    }
}
