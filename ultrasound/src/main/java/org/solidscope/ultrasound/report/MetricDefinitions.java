package org.solidscope.ultrasound.report;

import org.solidscope.report.Html;
import org.solidscope.report.HeatMapRenderer;
import org.solidscope.report.ColourMap;
import org.solidscope.report.Overlay;
import org.solidscope.report.LinePlot;

/** The definitions of every metric, printed in each report (no public standard defines them). */
final class MetricDefinitions {
    private MetricDefinitions() {}

    static final String HTML = """
            <h2>Definitions</h2><dl>
            <dt>level L (dB)</dt><dd>L = 20·log10(A/A_fs) − G: displayed amplitude A over full scale A_fs, receiver gain G removed;
            dB re 100 % full-screen height at 0 dB gain. Saturated points (A ≥ 99.5 % A_fs) are not data.</dd>
            <dt>analysed points P</dt><dd>points inside the cell rectangle shrunk by the edge margin, less saturated points and scan-line dropouts.</dd>
            <dt>threshold_db L_t</dt><dd>max(transmitting_threshold_db of the specification, noise floor + snr_margin_db); the noise floor is the
            displayed noise amplitude of the specification converted like L.</dd>
            <dt>transmitting_fraction</dt><dd>|{p ∈ P : L(p) ≥ L_t}| / |P|.</dd>
            <dt>mean_db, median_db</dt><dd>mean and median of L over P.</dd>
            <dt>uniformity_cv</dt><dd>std(a)/mean(a) over the transmitting points of P, a = 10^(L/20); 0 is perfectly uniform.</dd>
            <dt>centre_edge_db</dt><dd>median L where zone ≤ 0.5 minus median L where zone ≥ 0.8, zone = max(|2u/W|, |2v/H|) in cell coordinates;
            positive when the centre transmits more.</dd>
            <dt>defect_area_fraction, largest_defect_mm2</dt><dd>summed area of the loss defects (bubble, unwetted, bulge, gas_pocket)
            over |P|·pitch², and the largest of them; accumulation and scan artefacts are not losses.</dd>
            <dt>body level B</dt><dd>median L of the transmitting points of P. Defects are regions below B − 6 dB holding a point below B − 10 dB
            (bubble, gas_pocket, unwetted, bulge) or above B + 2.5 dB holding a point above B + 4 dB (accumulation).</dd>
            <dt>bubble / gas_pocket area</dt><dd>Σ(1 − a/a_B) over the region dilated by 3 points: the amplitude deficit, which the beam blur conserves.</dd>
            <dt>circularity</dt><dd>4πA/P², P the Crofton perimeter estimate (exposed pixel edges × π/4).</dd>
            <dt>solidification degree</dt><dd>D = 1 − a_s/a_i per point after registration, on the points where the infiltrated scan transmits.</dd>
            <dt>formation recovery</dt><dd>F = a_f/a_i on the same points.</dd>
            </dl>
            """;
}
