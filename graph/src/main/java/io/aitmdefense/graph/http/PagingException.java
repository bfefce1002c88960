package io.aitmdefense.graph.http;

/**
 * Paging stopped: a next link repeated the page just read (seen in the wild), pointed at another host (the token
 * must not go there), or the page cap was reached. The pages before it were delivered.
 */
public final class PagingException extends RuntimeException {
    private final int pagesRead;

    public PagingException(String message, int pagesRead) {
        super(message);
        this.pagesRead = pagesRead;
    }

    public int pagesRead() {
        return pagesRead;
    }
}
