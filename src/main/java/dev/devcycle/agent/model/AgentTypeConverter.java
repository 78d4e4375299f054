package dev.devcycle.agent.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a type by its lowercase wire name, as the Python services' database does. */
@Converter
public class AgentTypeConverter implements AttributeConverter<AgentType, String> {

    @Override
    public String convertToDatabaseColumn(AgentType type) {
        return type == null ? null : type.value();
    }

    @Override
    public AgentType convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        // Unknown types written by another version read as custom rather than failing every read of the row.
        return AgentType.fromValue(value).orElse(AgentType.CUSTOM);
    }
}
