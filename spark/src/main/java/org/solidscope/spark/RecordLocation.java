package org.solidscope.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.solidscope.catalog.Catalog;

/**
 * Where the record lives, as every executor opens it: the catalog's JDBC URL (PostgreSQL on a cluster;
 * the workspace's embedded H2 in local mode, where executors share the driver's JVM) and the array store
 * folder, which every executor must see at the same path (a shared folder).
 */
public record RecordLocation(String jdbcUrl, String user, String password, String arraysDir) implements Serializable {
    private static final ConcurrentHashMap<RecordLocation, Catalog> OPEN = new ConcurrentHashMap<>();

    /** The location of a catalog open in the driver, which executors in this JVM then share. */
    public static RecordLocation of(Catalog catalog, String user, String password) {
        RecordLocation l = new RecordLocation(catalog.url(), user, password, catalog.arrays().root().toAbsolutePath().toString());
        OPEN.put(l, catalog);
        return l;
    }

    /** The catalog in this JVM: the driver's own in local mode, opened once per executor JVM on a cluster. */
    public Catalog open() {
        return OPEN.computeIfAbsent(this, l -> Catalog.open(jdbcUrl, user, password, Path.of(arraysDir), false));
    }

    /** Connection properties for Spark's JDBC reader. */
    java.util.Properties jdbcProperties() {
        java.util.Properties p = new java.util.Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        return p;
    }

    /** Never the password: this is printed in summaries and logs. */
    @Override
    public String toString() {
        return jdbcUrl.replaceAll("password=[^&;]*", "password=***") + " (arrays " + arraysDir + ")";
    }
}
