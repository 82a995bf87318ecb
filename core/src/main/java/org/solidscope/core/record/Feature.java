package org.solidscope.core.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * Something an analysis found at a place: a defect of a C-scan, a component of a CT volume, a peak of
 * a spectrum. Positions in mm in the measurement's frame; NaN where a coordinate does not apply.
 *
 * @param areaMm2            projected area (NaN when not a 2D object)
 * @param sizeMm             equivalent diameter: of the disc of the same area (2D) or the ball of the same volume (3D)
 * @param countsAgainstCell  whether it is a fault of the cell (an instrument artefact is not)
 * @param properties         further numbers by name (circularity, volume_um3, contrast_db …)
 */
public record Feature(String kind, double xMm, double yMm, double zMm, double areaMm2, double sizeMm, boolean countsAgainstCell,
                      Map<String, Double> properties) {
    public Feature {
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }
}
