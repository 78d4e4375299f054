package dev.devcycle.jcache;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class outside every allowlist, standing in for a deserialization gadget: it counts each instance made (the
 * constructor of its first non-serializable superclass runs on deserialization) and each readObject call.
 */
public class Gadget extends GadgetBase implements Serializable {

    private static final long serialVersionUID = 1L;
    static final AtomicInteger READ_OBJECT_CALLS = new AtomicInteger();

    String payload = "touch /tmp/pwned";

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READ_OBJECT_CALLS.incrementAndGet();
        in.defaultReadObject();
    }
}

/** Not serializable: its no-arg constructor runs whenever a Gadget is deserialized. */
class GadgetBase {
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    GadgetBase() {
        CONSTRUCTED.incrementAndGet();
    }
}
