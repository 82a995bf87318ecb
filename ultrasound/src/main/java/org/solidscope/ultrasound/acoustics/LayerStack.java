package org.solidscope.ultrasound.acoustics;

import java.util.List;
import org.solidscope.core.materials.AcousticMaterial;
import org.solidscope.core.materials.MaterialLibrary;

/**
 * A stack of layers between two half-spaces (the coupling fluid on each side), at normal
 * incidence; layers in the order the wave meets them.
 */
public record LayerStack(String name, AcousticMaterial incident, AcousticMaterial transmitted, List<Layer> layers,
                         MaterialLibrary library, String source) {
    public LayerStack {
        layers = List.copyOf(layers);
    }

    public double totalThicknessUm() {
        double t = 0;
        for (Layer l : layers) t += l.thicknessUm();
        return t;
    }

    /** Index of the first gap site, or the middle layer if the stack marks none. */
    public int gapSite() {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).gapSite()) return i;
        return Math.max(0, layers.size() / 2 - 1);
    }

    public LayerStack withLayers(List<Layer> newLayers) {
        return new LayerStack(name, incident, transmitted, newLayers, library, source);
    }
}
