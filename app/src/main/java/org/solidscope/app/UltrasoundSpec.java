package org.solidscope.app;

import java.nio.file.Path;
import org.solidscope.core.InputException;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.UltrasoundModality;
import org.solidscope.workflow.ModalityRegistry;

/** The ultrasonic part of a specification of every modality, checked whole: the {@code ut} commands read the file the record does. */
final class UltrasoundSpec {
    private UltrasoundSpec() {}

    /** The ultrasonic part of the specification in {@code file}, or of the default one when it is null. */
    static InspectionSpec loadOrDefault(Path file) {
        InspectionSpec spec = ModalityRegistry.loadOrDefault(file).find(UltrasoundModality.class).spec();
        if (!spec.judges()) {
            throw new InputException(String.valueOf(file), "rules", "the ultrasonic rule groups [comparison, formation, infiltration, solidification] "
                    + "(a ut command judges every scan it analyses)", "none");
        }
        return spec;
    }
}
