package nl.omkijken.runner;

import nl.omkijken.engine.Understanding;

/**
 * The language layer, seen from the runner. Implemented in nlp. Blocking and CPU-bound:
 * the runner calls it on a worker thread, never on the event loop.
 */
public interface Understander {
    /** What a message means; never throws, whatever the text. */
    Understanding understand(String text, String language);
}
