package dev.faultline.web.request;

import java.util.UUID;

/** Ids of facts the client did not name: a short prefix and 12 random hex digits. */
final class Ids {

    private Ids() {
    }

    static String orNew(String given, String prefix) {
        return given != null ? given : prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
