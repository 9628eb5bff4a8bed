package io.servercore.buffer;

/**
 * Thrown when a {@link SendBuffer} is retained after it was freed, or released more times
 * than it was retained. Either is a bug in the caller: the slice's bytes may already belong
 * to another packet.
 */
public final class IllegalReferenceCountException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    IllegalReferenceCountException(int refCnt, int delta) {
        super("illegal reference count: refCnt=" + refCnt + ", delta=" + delta);
    }
}
