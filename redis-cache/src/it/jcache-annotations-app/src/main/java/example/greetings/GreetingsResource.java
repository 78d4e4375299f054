package example.greetings;

import javax.cache.Caching;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The greetings over HTTP, plain text, and what the IT needs to see inside: the run count and the provider. */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class GreetingsResource {

    @Inject
    Greetings greetings;

    @GET
    @Path("greetings/{name}")
    public String greet(@PathParam("name") String name) {
        return greetings.greet(name);
    }

    @DELETE
    @Path("greetings/{name}")
    public void forget(@PathParam("name") String name) {
        greetings.forget(name);
    }

    @DELETE
    @Path("greetings")
    public void forgetAll() {
        greetings.forgetAll();
    }

    @GET
    @Path("runs")
    public String runs() {
        return String.valueOf(greetings.runs());
    }

    @GET
    @Path("status")
    public String status() {
        return "jcache-annotations-app deployed, provider " + Caching.getCachingProvider().getClass().getName();
    }
}
