package org.solidscope.core;

/** The version of this build, from the jar manifest, or "dev" when run from classes. */
public final class SoftwareVersion {
    private SoftwareVersion() {}

    public static String get() {
        String v = SoftwareVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
