package no.flyt.serde;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes generated records under another version of their schema (with {@code use.latest.version}): Avro's writers
 * take each field by its position in the writer schema, which is another field, or none, when the versions differ.
 * This one takes each field by name from the record's own schema, and writes the writer schema's default for a field
 * the record does not have.
 */
final class ByNameSpecificDatumWriter extends SpecificDatumWriter<Object> {

    ByNameSpecificDatumWriter(Schema writerSchema) {
        super(writerSchema);
    }

    @Override
    protected void writeField(Object datum, Schema.Field field, Encoder out, Object state) throws IOException {
        if (!(datum instanceof IndexedRecord record)) {
            super.writeField(datum, field, out, state);
            return;
        }
        Schema.Field own = record.getSchema().getField(field.name());
        if (own == null) {
            write(field.schema(), getData().getDefaultValue(field), out);
        } else if (own.pos() == field.pos() && own.schema().equals(field.schema())) {
            super.writeField(datum, field, out, state);
        } else {
            write(field.schema(), record.get(own.pos()), out);
        }
    }
}
