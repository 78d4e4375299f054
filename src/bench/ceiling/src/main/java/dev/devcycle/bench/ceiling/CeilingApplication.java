package dev.devcycle.bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The bare application of wrk-ceiling.sh: one JAX-RS resource under {@code /ceiling/api}, nothing else. */
@ApplicationPath("api")
public class CeilingApplication extends Application {
}
