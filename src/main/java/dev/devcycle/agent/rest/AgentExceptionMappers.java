package dev.devcycle.agent.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.devcycle.agent.AgentAlreadyExistsException;
import dev.devcycle.agent.AgentNotFoundException;
import dev.devcycle.agent.InvalidAgentDataException;
import dev.devcycle.agent.TaskCountConflictException;
import dev.devcycle.rest.ApiError;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The agent API's failures as JSON errors with their status. */
public final class AgentExceptionMappers {

    private static final Logger LOG = Logger.getLogger(AgentExceptionMappers.class.getName());
    private static final String MSG_DATABASE = "Database failure answering an agent request";
    static final String ERR_DATABASE = "the agent database is unavailable";

    private AgentExceptionMappers() {
    }

    @Provider
    public static class NotFound implements ExceptionMapper<AgentNotFoundException> {
        @Override
        public Response toResponse(AgentNotFoundException e) {
            return ApiError.response(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    @Provider
    public static class AlreadyExists implements ExceptionMapper<AgentAlreadyExistsException> {
        @Override
        public Response toResponse(AgentAlreadyExistsException e) {
            return ApiError.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class TaskCountConflict implements ExceptionMapper<TaskCountConflictException> {
        @Override
        public Response toResponse(TaskCountConflictException e) {
            return ApiError.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class InvalidData implements ExceptionMapper<InvalidAgentDataException> {
        @Override
        public Response toResponse(InvalidAgentDataException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** The database is down or refused the statement: the caller may retry; the details go to the log only. */
    @Provider
    public static class Persistence implements ExceptionMapper<PersistenceException> {
        @Override
        public Response toResponse(PersistenceException e) {
            LOG.log(Level.WARNING, MSG_DATABASE, e);
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, ERR_DATABASE);
        }
    }

    /** A transaction that could not begin or commit (e.g. the database went away at commit). */
    @Provider
    public static class Transaction implements ExceptionMapper<TransactionalException> {
        @Override
        public Response toResponse(TransactionalException e) {
            LOG.log(Level.WARNING, MSG_DATABASE, e);
            return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, ERR_DATABASE);
        }
    }
}
