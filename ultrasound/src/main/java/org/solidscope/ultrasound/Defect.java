package org.solidscope.ultrasound;

/**
 * One anomaly of a C-scan, in scan coordinates (mm).
 *
 * @param label        label in the defect label map (0 for scan artefacts, which have none)
 * @param xMm          centroid x
 * @param yMm          centroid y
 * @param areaMm2      pixel count × pitch²
 * @param diameterMm   diameter of the disc of the same area
 * @param circularity  4πA/P² (1 for a disc), P from the Crofton perimeter estimate
 * @param contrastDb   median level inside minus the body level (negative: darker than the body)
 */
public record Defect(int label, DefectKind kind, double xMm, double yMm, double areaMm2, double diameterMm,
                     double circularity, double contrastDb, double minXMm, double minYMm, double maxXMm, double maxYMm) {

    public boolean countsAgainstCell() { return kind.countsAgainstCell(); }
}
