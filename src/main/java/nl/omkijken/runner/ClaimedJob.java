package nl.omkijken.runner;

/**
 * A due job handed to one poller for the length of its lease.
 *
 * @param fence increases with every claim (and every new schedule) of the job's id: only the holder of
 *              the latest claim can complete or drop the job, so a poller whose lease ran out while it
 *              worked (and whose job another poller took) changes nothing
 * @param timer the conversation follow-up, for a job of kind {@link Job#TURN}; null for other kinds
 */
public record ClaimedJob(Job job, long fence, DueTimer timer) {
    public String id() {
        return job.id();
    }
}
