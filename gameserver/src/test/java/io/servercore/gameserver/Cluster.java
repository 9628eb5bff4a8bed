package io.servercore.gameserver;

/** Helpers shared by the cluster tests. */
final class Cluster {
    private Cluster() {
    }

    /** Closes each non-null process or server (by PID), every one even when one fails; rethrows the first failure. */
    static void closeAll(AutoCloseable... all) throws Exception {
        Exception first = null;
        for (AutoCloseable c : all) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
