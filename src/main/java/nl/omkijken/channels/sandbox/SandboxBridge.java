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
    /** A simulated put-through: to whom, since when. */
    record Connected(String worker, java.time.Instant since, String line) {}

    private final Map<String, Connected> connected = new ConcurrentHashMap<>();
    private final TurnRunner runner;
    private final nl.omkijken.channels.CallStats stats;

    SandboxBridge(TurnRunner runner) {
        this.runner = runner;
        this.stats = new nl.omkijken.channels.CallStats(runner);
    }

    @Override
    public String kind() {
        return TurnRunner.putThroughTask(SandboxSender.CHANNEL);
    }

    @Override
    public Future<Void> run(Task task) {
        JsonObject p = new JsonObject(task.payload());
        String conversation = p.getString("conversation");
        String name = p.getString("name");
        if (conversation == null) return Future.succeededFuture();
        String worker = p.getString("worker");
        return runner.store().load(conversation).compose(c -> {
            // Only while that worker has it and the caller waits on the line (a late task, a give-back: nothing).
            if (c == null || c.handoff() == null || c.handoff().state() != nl.omkijken.handoff.Handoff.State.CLAIMED
                    || !String.valueOf(worker).equals(c.handoff().owner())
                    || !c.session().slots().containsKey(nl.omkijken.engine.Session.HOLD_SLOT)) {
                return Future.<Void>succeededFuture();
            }
            connected.put(conversation, new Connected(name == null || name.isBlank() ? "?" : name, runner.clock().instant(), c.session().line()));
            return runner.putThrough(conversation).<Void>mapEmpty();
        });
    }

    /** The worker the simulated call is put through to, or null. */
    String workerOf(String conversationId) {
        Connected c = connected.get(conversationId);
        return c == null ? null : c.worker();
    }

    /** The call ended: nobody is connected any more; a talk's length is counted. */
    void ended(String conversationId) {
        Connected c = connected.remove(conversationId);
        if (c != null) {
            java.time.Instant now = runner.clock().instant();
            stats.talked(c.line(), now, java.time.Duration.between(c.since(), now));
        }
    }
}
