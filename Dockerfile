# Build the WAR first: mvn -B package -DskipTests
# Then: docker build -t devcycle-redis-cache . && docker run -p 9080:9080 -e REDIS_HOST=redis devcycle-redis-cache
# or, with Redis and PostgreSQL: docker compose up --build (docker-compose.yml).
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi

# Server configuration first: features.sh installs exactly the features server.xml names.
COPY --chown=1001:0 src/main/liberty/config/ /config/
RUN features.sh

# The agents' dataSource loads its drivers from /config/jdbc (server.xml library "jdbcDrivers").
COPY --chown=1001:0 target/jdbc/ /config/jdbc/
COPY --chown=1001:0 target/devcycle-agent-service.war /config/apps/

# Pre-warm the shared class cache and validate the configuration.
RUN configure.sh
