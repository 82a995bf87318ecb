package org.solidscope.core;

/**
 * A computation that cannot give an answer for input that is well-formed: an iteration that did not
 * converge, a degenerate configuration (an empty phase, a singular system). Not bad input in the sense
 * of {@link InputException}: the file was read correctly, the numbers just admit no result. The message
 * says what failed and why.
 */
public final class NumericalException extends RuntimeException {
    public NumericalException(String message) {
        super(message);
    }
}
