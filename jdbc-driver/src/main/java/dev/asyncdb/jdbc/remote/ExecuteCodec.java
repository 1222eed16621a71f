package dev.asyncdb.jdbc.remote;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.Service.ExecuteRequest;
import org.apache.calcite.avatica.remote.Service.ExecuteResponse;
import org.apache.calcite.avatica.remote.Service.ResultSetResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's protobuf form of a prepared execute — the {@code ExecuteRequest} and its
 * {@code ExecuteResponse}, each in Avatica's {@code WireMessage} envelope — written and read with
 * the generated message classes directly. Avatica's own translation ({@code ProtobufTranslationImpl})
 * serializes the message, copies it into the envelope and serializes that again, and reads through
 * the protobuf descriptors: several reflective has-field calls per column of every row. For a
 * point lookup that was about a tenth of the CPU on either side. The bytes written are Avatica's
 * (the tests compare them byte for byte) and what is read is what Avatica reads, so either side
 * may be a stock Avatica client or server. A message this does not read — any other request or
 * response, array or pre-1.6 columns — is left to Avatica: the readers answer null.
 */
public final class ExecuteCodec {
  /** The envelope's names of the two messages: their generated classes' names, as Avatica writes them. */
  private static final ByteString EXECUTE_REQUEST = ByteString.copyFromUtf8(Requests.ExecuteRequest.class.getName());
  private static final ByteString EXECUTE_RESPONSE = ByteString.copyFromUtf8(Responses.ExecuteResponse.class.getName());
  private static final int NAME_TAG = tag(Common.WireMessage.NAME_FIELD_NUMBER);
  private static final int WRAPPED_TAG = tag(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER);

  private ExecuteCodec() {}

  /** The tag of length-delimited field {@code number} (protobuf's own helper is not public). */
  private static int tag(int number) {
    return number << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** The request as Avatica's client sends it. */
  public static byte[] encodeRequest(ExecuteRequest request) {
    Requests.ExecuteRequest.Builder b = Requests.ExecuteRequest.newBuilder();
    if (request.statementHandle != null) {
      b.setStatementHandle(request.statementHandle.toProto());
    }
    b.setHasParameterValues(request.parameterValues != null);
    if (request.parameterValues != null) {
      for (TypedValue v : request.parameterValues) {
        b.addParameterValues(v == null ? TypedValue.PROTO_IMPLICIT_NULL : v.toProto());
      }
    }
    // Avatica sets the old and the new field.
    return wrap(EXECUTE_REQUEST, b.setDeprecatedFirstFrameMaxSize(request.maxRowCount).setFirstFrameMaxSize(request.maxRowCount).build());
  }

  /** The execute request in {@code body}, or null when it holds another message. */
  public static ExecuteRequest decodeRequest(byte[] body) throws IOException {
    ByteString wrapped = unwrap(body, EXECUTE_REQUEST);
    if (wrapped == null) {
      return null;
    }
    Requests.ExecuteRequest msg = Requests.ExecuteRequest.parseFrom(wrapped);
    StatementHandle handle = null;
    if (msg.hasStatementHandle()) {
      Common.StatementHandle h = msg.getStatementHandle();
      handle = new StatementHandle(h.getConnectionId(), h.getId(), h.hasSignature() ? Meta.Signature.fromProto(h.getSignature()) : null);
    }
    List<TypedValue> values = null;
    if (msg.getHasParameterValues()) {
      values = new ArrayList<>(msg.getParameterValuesCount());
      for (Common.TypedValue v : msg.getParameterValuesList()) {
        values.add(TypedValue.PROTO_IMPLICIT_NULL.equals(v) ? null : TypedValue.fromProto(v));
      }
    }
    // Proto3 integers are "present" when not zero; the new field wins, as in Avatica.
    int maxRowCount = msg.getFirstFrameMaxSize() != 0 ? msg.getFirstFrameMaxSize() : (int) msg.getDeprecatedFirstFrameMaxSize();
    return new ExecuteRequest(handle, values, maxRowCount);
  }

  /**
   * The response as Avatica's server sends it; {@code compact} leaves out the second copy of each
   * value that Avatica writes into frames for clients older than Avatica 1.6 (they read a
   * deprecated field), for clients that read the current one ({@code jdbc:asyncdb:remote:}).
   */
  public static byte[] encodeResponse(ExecuteResponse response, boolean compact) {
    Responses.ExecuteResponse.Builder b = Responses.ExecuteResponse.newBuilder();
    if (response.results != null) {
      for (ResultSetResponse r : response.results) {
        b.addResults(resultSet(r, compact));
      }
    }
    if (response.rpcMetadata != null) {
      b.setMetadata(metadata(response.rpcMetadata));
    }
    return wrap(EXECUTE_RESPONSE, b.setMissingStatement(response.missingStatement).build());
  }

  private static Responses.ResultSetResponse resultSet(ResultSetResponse r, boolean compact) {
    Responses.ResultSetResponse.Builder b = Responses.ResultSetResponse.newBuilder().setStatementId(r.statementId)
        .setOwnStatement(r.ownStatement).setUpdateCount(r.updateCount);
    if (r.connectionId != null) {
      b.setConnectionId(r.connectionId);
    }
    if (r.signature != null) {
      b.setSignature(r.signature.toProto());
    }
    if (r.firstFrame != null) {
      b.setFirstFrame(compact ? compactFrame(r.firstFrame) : r.firstFrame.toProto());
    }
    if (r.rpcMetadata != null) {
      b.setMetadata(metadata(r.rpcMetadata));
    }
    return b.build();
  }

  /** Avatica's {@code Frame.toProto} without the deprecated copies of the values. */
  private static Common.Frame compactFrame(Meta.Frame frame) {
    Common.Frame.Builder b = Common.Frame.newBuilder().setDone(frame.done).setOffset(frame.offset);
    for (Object row : frame.rows) {
      if (row == null) {
        continue;
      }
      Common.Row.Builder r = Common.Row.newBuilder();
      if (row instanceof Object[] values) {
        for (Object v : values) {
          r.addValue(column(v));
        }
      } else if (row instanceof Iterable<?> values) {
        for (Object v : values) {
          r.addValue(column(v));
        }
      } else {
        throw new IllegalArgumentException("A frame row must be an array or a list, not " + row.getClass().getName());
      }
      b.addRows(r);
    }
    return b.build();
  }

  private static Common.ColumnValue column(Object value) {
    Common.ColumnValue.Builder c = Common.ColumnValue.newBuilder();
    if (value instanceof List<?> array) {
      c.setHasArrayValue(true);
      for (Object item : array) {
        c.addArrayValue(scalar(item));
      }
    } else {
      c.setScalarValue(scalar(value));
    }
    return c.build();
  }

  private static Common.TypedValue.Builder scalar(Object value) {
    Common.TypedValue.Builder v = Common.TypedValue.newBuilder();
    TypedValue.toProto(v, value);
    return v;
  }

  private static Responses.RpcMetadata metadata(RpcMetadataResponse m) {
    return Responses.RpcMetadata.newBuilder().setServerAddress(m.serverAddress).build();
  }

  /**
   * The execute response in {@code body}, or null when it holds another message (an error) or
   * values that {@link ExecuteResponseReader} leaves to Avatica's translation.
   */
  public static ExecuteResponse decodeResponse(byte[] body) throws IOException {
    ByteString wrapped = unwrap(body, EXECUTE_RESPONSE);
    return wrapped == null ? null : ExecuteResponseReader.read(wrapped.newCodedInput());
  }

  /** {@code message} in the envelope named {@code name}, in one buffer of the exact size. */
  private static byte[] wrap(ByteString name, MessageLite message) {
    int size = message.getSerializedSize();
    int total = CodedOutputStream.computeBytesSize(Common.WireMessage.NAME_FIELD_NUMBER, name);
    // Proto3 leaves an empty field out, as Avatica's builder does with an empty message.
    if (size > 0) {
      total += CodedOutputStream.computeMessageSize(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER, message);
    }
    byte[] out = new byte[total];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.writeBytes(Common.WireMessage.NAME_FIELD_NUMBER, name);
      if (size > 0) {
        o.writeMessage(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER, message);
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      // Writing into an array of the computed size cannot fail.
      throw new IllegalStateException("Serialized size of " + message.getClass().getSimpleName() + " changed while writing it", e);
    }
    return out;
  }

  /** The message wrapped in the envelope if the envelope names {@code expected}, else null. */
  private static ByteString unwrap(byte[] body, ByteString expected) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    in.enableAliasing(true);
    boolean named = false;
    ByteString wrapped = ByteString.EMPTY;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == NAME_TAG) {
        named = in.readBytes().equals(expected);
      } else if (tag == WRAPPED_TAG) {
        wrapped = in.readBytes();
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    return named ? wrapped : null;
  }
}
