package nl.omkijken.nlp;

/** The NLU files cannot be used; the message names the file and what is wrong. */
public class NluDataException extends RuntimeException {
    public NluDataException(String message) { super(message); }
    public NluDataException(String message, Throwable cause) { super(message, cause); }
}
