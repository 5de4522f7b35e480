package dev.tokenscope.engine.about;

/** The application version, from the jar manifest (Implementation-Version), "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : System.getProperty("tokenscope.version", "dev");
    }
}
