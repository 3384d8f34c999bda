package nl.omkijken.app;

/** Checks of a request's URI made before routing, so the router never throws on one. */
final class RequestLine {
    private RequestLine() {}

    /**
     * False when the URI (path and query) has a '%' that is not followed by two hex digits: decoding it
     * would throw inside the router (or later, in whatever reads the query) instead of answering 400.
     */
    static boolean wellFormed(String uri) {
        if (uri == null) return false;
        for (int i = 0, n = uri.length(); i < n; i++) {
            if (uri.charAt(i) != '%') continue;
            if (i + 2 >= n || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) return false;
            i += 2;
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
