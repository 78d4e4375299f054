package example.greetings;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST root. */
@ApplicationPath("/api")
public class GreetingsApplication extends Application {
}
