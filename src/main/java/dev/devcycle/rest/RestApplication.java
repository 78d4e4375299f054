package dev.devcycle.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources live under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
