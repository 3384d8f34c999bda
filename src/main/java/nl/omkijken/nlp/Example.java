package nl.omkijken.nlp;

/** One training or test phrase: what a person might write, the intent it means, and its language. */
public record Example(String intent, String language, String text) {}
