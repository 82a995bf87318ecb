package org.solidscope.xcs;

/**
 * What to do with a photon whose charge cloud reached several pixels of one frame: a cluster is a group of
 * over-threshold pixels that touch (8-neighbourhood) in one frame.
 */
public enum ChargeSharing {
    /** Every over-threshold pixel counts as an event. */
    NONE,
    /** Every pixel of a cluster of two or more is dropped (HEXITEC's discrimination). */
    DISCRIMINATION,
    /** A cluster's summed energy is counted once, on its largest pixel (HEXITEC's addition). */
    ADDITION,
    /** The seed's rule: clusters spanning more than two pixels are dropped; two-pixel clusters are summed onto the larger. */
    SEED
}
