package org.solidscope.io;

import java.nio.file.Path;
import org.solidscope.core.ScalarMap;

/**
 * A C-scan as an instrument writes it: displayed amplitudes with the gain that was applied.
 *
 * @param amplitude     displayed amplitude per point, in {@code amplitudeUnit}; NaN where missing
 * @param gainDb        receiver gain in dB that was applied to the displayed amplitudes
 * @param amplitudeUnit unit of the values ({@code percent_fsh}: percent of full-screen height)
 * @param fullScale     the value at which the display saturates (100 for percent_fsh)
 * @param source        file it came from (for messages and provenance)
 */
public record CscanGrid(ScalarMap amplitude, double gainDb, String amplitudeUnit, double fullScale, Path source) {
    public static final String PERCENT_FSH = "percent_fsh";
}
