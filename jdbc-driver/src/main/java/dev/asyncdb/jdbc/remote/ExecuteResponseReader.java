package dev.asyncdb.jdbc.remote;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.Service.ExecuteResponse;
import org.apache.calcite.avatica.remote.Service.ResultSetResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;

/**
 * Reads an {@code ExecuteResponse} field by field off the wire, into what Avatica's
 * {@code ExecuteResponse.fromProto} makes of it, without building the generated messages first:
 * a frame's values become Java values as they are read (each string decoded once, no message
 * object per row, column and value). Only frames of scalar values of the plain kinds (strings,
 * numbers, booleans, dates and times, bytes, nulls) are read here; for anything else — arrays,
 * decimals, objects, pre-1.6 columns — {@link #read} answers null and Avatica reads the response.
 */
final class ExecuteResponseReader {
  // Wire types, for tags as case labels: (field number << 3) | wire type.
  private static final int VARINT = WireFormat.WIRETYPE_VARINT;
  private static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
  private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /** A column this reader leaves to Avatica. */
  private static final Object NOT_PLAIN = new Object();

  private ExecuteResponseReader() {}

  /** The response in {@code in} (the wrapped message), or null when it holds values only Avatica reads. */
  static ExecuteResponse read(CodedInputStream in) throws IOException {
    List<ResultSetResponse> results = new ArrayList<>(1);
    boolean missing = false;
    RpcMetadataResponse metadata = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case Responses.ExecuteResponse.RESULTS_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          int limit = in.pushLimit(in.readRawVarint32());
          ResultSetResponse r = resultSet(in);
          if (r == null) {
            return null;
          }
          in.popLimit(limit);
          results.add(r);
        }
        case Responses.ExecuteResponse.MISSING_STATEMENT_FIELD_NUMBER << 3 | VARINT -> missing = in.readBool();
        case Responses.ExecuteResponse.METADATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> metadata = metadata(in);
        default -> in.skipField(tag);
      }
    }
    return new ExecuteResponse(results, missing, metadata);
  }

  private static ResultSetResponse resultSet(CodedInputStream in) throws IOException {
    String connectionId = null;
    int statementId = 0;
    boolean own = false;
    Meta.Signature signature = null;
    Meta.Frame frame = null;
    long updateCount = 0;
    RpcMetadataResponse metadata = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case Responses.ResultSetResponse.CONNECTION_ID_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          String id = in.readStringRequireUtf8();
          // A proto3 string is "present" when not empty.
          connectionId = id.isEmpty() ? null : id;
        }
        case Responses.ResultSetResponse.STATEMENT_ID_FIELD_NUMBER << 3 | VARINT -> statementId = in.readUInt32();
        case Responses.ResultSetResponse.OWN_STATEMENT_FIELD_NUMBER << 3 | VARINT -> own = in.readBool();
        case Responses.ResultSetResponse.SIGNATURE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> signature = Meta.Signature.fromProto(Common.Signature.parseFrom(in.readBytes()));
        case Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          int limit = in.pushLimit(in.readRawVarint32());
          frame = frame(in);
          if (frame == null) {
            return null;
          }
          in.popLimit(limit);
        }
        case Responses.ResultSetResponse.UPDATE_COUNT_FIELD_NUMBER << 3 | VARINT -> updateCount = in.readUInt64();
        case Responses.ResultSetResponse.METADATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> metadata = metadata(in);
        default -> in.skipField(tag);
      }
    }
    return new ResultSetResponse(connectionId, statementId, own, signature, frame, updateCount, metadata);
  }

  private static RpcMetadataResponse metadata(CodedInputStream in) throws IOException {
    return new RpcMetadataResponse(Responses.RpcMetadata.parseFrom(in.readBytes()).getServerAddress());
  }

  private static Meta.Frame frame(CodedInputStream in) throws IOException {
    long offset = 0;
    boolean done = false;
    List<Object> rows = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case Common.Frame.OFFSET_FIELD_NUMBER << 3 | VARINT -> offset = in.readUInt64();
        case Common.Frame.DONE_FIELD_NUMBER << 3 | VARINT -> done = in.readBool();
        case Common.Frame.ROWS_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          int limit = in.pushLimit(in.readRawVarint32());
          List<Object> row = row(in);
          if (row == null) {
            return null;
          }
          in.popLimit(limit);
          rows.add(row);
        }
        default -> in.skipField(tag);
      }
    }
    return new Meta.Frame(offset, done, rows);
  }

  private static List<Object> row(CodedInputStream in) throws IOException {
    List<Object> row = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != (Common.Row.VALUE_FIELD_NUMBER << 3 | LENGTH_DELIMITED)) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      Object value = column(in);
      if (value == NOT_PLAIN) {
        return null;
      }
      in.popLimit(limit);
      row.add(value);
    }
    return row;
  }

  /** A column's value: its scalar (Avatica reads the scalar field whenever it is there), or NOT_PLAIN. */
  private static Object column(CodedInputStream in) throws IOException {
    Object value = NOT_PLAIN;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          int limit = in.pushLimit(in.readRawVarint32());
          value = scalar(in);
          in.popLimit(limit);
        }
        case Common.ColumnValue.HAS_ARRAY_VALUE_FIELD_NUMBER << 3 | VARINT -> {
          if (in.readBool()) {
            return NOT_PLAIN;
          }
        }
        case Common.ColumnValue.ARRAY_VALUE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          return NOT_PLAIN;
        }
        // The deprecated copy of the value (field 1), or anything newer.
        default -> in.skipField(tag);
      }
    }
    return value;
  }

  /** A scalar as Avatica's {@code Frame.deserializeScalarValue} makes it, or NOT_PLAIN for the kinds left to Avatica. */
  private static Object scalar(CodedInputStream in) throws IOException {
    int type = 0;
    boolean bool = false;
    String string = "";
    long number = 0;
    com.google.protobuf.ByteString bytes = com.google.protobuf.ByteString.EMPTY;
    double dbl = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case Common.TypedValue.TYPE_FIELD_NUMBER << 3 | VARINT -> type = in.readEnum();
        case Common.TypedValue.BOOL_VALUE_FIELD_NUMBER << 3 | VARINT -> bool = in.readBool();
        case Common.TypedValue.STRING_VALUE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> string = in.readStringRequireUtf8();
        case Common.TypedValue.NUMBER_VALUE_FIELD_NUMBER << 3 | VARINT -> number = in.readSInt64();
        case Common.TypedValue.BYTES_VALUE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> bytes = in.readBytes();
        case Common.TypedValue.DOUBLE_VALUE_FIELD_NUMBER << 3 | FIXED64 -> dbl = in.readDouble();
        case Common.TypedValue.ARRAY_VALUE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
          return NOT_PLAIN;
        }
        default -> in.skipField(tag);
      }
    }
    return switch (type) {
      case Common.Rep.BOOLEAN_VALUE, Common.Rep.PRIMITIVE_BOOLEAN_VALUE -> bool;
      case Common.Rep.STRING_VALUE -> string;
      case Common.Rep.CHARACTER_VALUE, Common.Rep.PRIMITIVE_CHAR_VALUE -> string.isEmpty() ? NOT_PLAIN : (Object) string.charAt(0);
      case Common.Rep.BYTE_VALUE, Common.Rep.PRIMITIVE_BYTE_VALUE -> (byte) number;
      case Common.Rep.SHORT_VALUE, Common.Rep.PRIMITIVE_SHORT_VALUE -> (short) number;
      case Common.Rep.INTEGER_VALUE, Common.Rep.PRIMITIVE_INT_VALUE, Common.Rep.JAVA_SQL_DATE_VALUE, Common.Rep.JAVA_SQL_TIME_VALUE ->
          (int) number;
      case Common.Rep.LONG_VALUE, Common.Rep.PRIMITIVE_LONG_VALUE, Common.Rep.NUMBER_VALUE, Common.Rep.JAVA_SQL_TIMESTAMP_VALUE,
          Common.Rep.JAVA_UTIL_DATE_VALUE -> number;
      case Common.Rep.FLOAT_VALUE, Common.Rep.PRIMITIVE_FLOAT_VALUE -> Float.intBitsToFloat((int) number);
      case Common.Rep.DOUBLE_VALUE, Common.Rep.PRIMITIVE_DOUBLE_VALUE -> dbl;
      // Bytes travel raw in a frame.
      case Common.Rep.BYTE_STRING_VALUE -> bytes.toByteArray();
      case Common.Rep.NULL_VALUE -> null;
      default -> NOT_PLAIN;
    };
  }
}
