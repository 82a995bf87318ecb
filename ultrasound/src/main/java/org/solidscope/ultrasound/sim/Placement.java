package org.solidscope.ultrasound.sim;

/** Where a cell lies on the scanner for one scan: shift of its centre from the nominal position and rotation. */
public record Placement(double dxMm, double dyMm, double angleDeg) {}
