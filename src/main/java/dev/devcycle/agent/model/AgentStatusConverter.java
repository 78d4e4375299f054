package dev.devcycle.agent.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status by its lowercase wire name, as the Python services' database does, not by its Java name. */
@Converter
public class AgentStatusConverter implements AttributeConverter<AgentStatus, String> {

    @Override
    public String convertToDatabaseColumn(AgentStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public AgentStatus convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        // A value written by a newer version is an error state for this one, not a crash of every read.
        return AgentStatus.fromValue(value).orElse(AgentStatus.ERROR);
    }
}
