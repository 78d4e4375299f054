CREATE TABLE IF NOT EXISTS agents (name VARCHAR(100) NOT NULL PRIMARY KEY, agent_type VARCHAR(32) NOT NULL, description VARCHAR(1000), version VARCHAR(50), configuration VARCHAR(4000), status VARCHAR(20) NOT NULL, is_active BOOLEAN NOT NULL, current_tasks INTEGER NOT NULL, last_heartbeat TIMESTAMP, response_time_ms DOUBLE PRECISION, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS agent_capabilities (agent_name VARCHAR(100) NOT NULL REFERENCES agents (name) ON DELETE CASCADE, position INTEGER NOT NULL, capability VARCHAR(100) NOT NULL);
CREATE INDEX IF NOT EXISTS idx_agent_capabilities_agent ON agent_capabilities (agent_name);
CREATE INDEX IF NOT EXISTS idx_agent_capabilities_capability ON agent_capabilities (capability);
