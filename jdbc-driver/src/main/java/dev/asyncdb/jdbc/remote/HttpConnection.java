package dev.asyncdb.jdbc.remote;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to the server, kept open between requests: a POST of a known length
 * goes out in one write, and the response is read by its {@code Content-Length} or its chunks.
 * Only what Avatica's protocol needs; {@link KeepAliveHttpClient} decides when to open, reuse or
 * drop connections.
 */
final class HttpConnection implements AutoCloseable {
  /** The longest status or header line read; a server that sends longer is not one of ours. */
  private static final int MAX_LINE = 8192;

  /** A response: its status code, its body, and whether the server keeps the connection open. */
  record Response(int status, byte[] body, boolean keepAlive) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  /** Bytes read of the current response; none means the server closed before answering. */
  private long received;
  /** Set when the answer took longer than the response timeout and the connection was closed for it. */
  private volatile boolean expired;

  HttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = socket.getOutputStream();
  }

  /** Closes the connection because its answer is overdue; the waiting read fails and {@link #expired()} says why. */
  void expire() {
    expired = true;
    close();
  }

  boolean expired() {
    return expired;
  }

  /** Whether the last exchange failed before any byte of its response arrived. */
  boolean nothingReceived() {
    return received == 0;
  }

  /** Sends {@code head} (the request line and headers up to {@code Content-Length: }) with {@code body}, and reads the response. */
  Response post(byte[] head, byte[] body) throws IOException {
    received = 0;
    byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + length.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(length, 0, request, head.length, length.length);
    System.arraycopy(body, 0, request, head.length + length.length, body.length);
    out.write(request);
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    String status = line();
    // "HTTP/1.1 200 OK"
    if (!status.startsWith("HTTP/1.") || status.length() < 12) {
      throw new IOException("Not an HTTP response from the server: \"" + status + "\"");
    }
    int code = parseCode(status);
    boolean keepAlive = status.startsWith("HTTP/1.1");
    long contentLength = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = parseLength(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> keepAlive = !value.equalsIgnoreCase("close") && (keepAlive || value.equalsIgnoreCase("keep-alive"));
        default -> { }
      }
    }
    byte[] body;
    if (chunked) {
      body = chunks();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length < contentLength) {
        throw new EOFException("The server closed the connection after " + body.length + " of " + contentLength + " bytes of its answer.");
      }
    } else {
      // Neither: the body runs to the end of the connection.
      body = in.readAllBytes();
      keepAlive = false;
    }
    return new Response(code, body, keepAlive);
  }

  private static int parseCode(String status) throws IOException {
    try {
      return Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("Not an HTTP response from the server: \"" + status + "\"", e);
    }
  }

  private static long parseLength(String value) throws IOException {
    try {
      long n = Long.parseLong(value);
      if (n >= 0 && n <= Integer.MAX_VALUE - 8) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IOException("Unusable Content-Length \"" + value + "\" in the server's answer.");
  }

  private byte[] chunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semicolon = size.indexOf(';');
      long n;
      try {
        n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("Unusable chunk size \"" + size + "\" in the server's answer.", e);
      }
      if (n == 0) {
        // Trailers, up to the empty line.
        while (!line().isEmpty()) {
          // skip
        }
        return body.toByteArray();
      }
      if (n > Integer.MAX_VALUE - 8 - body.size()) {
        throw new IOException("The server's answer is larger than a client can hold.");
      }
      byte[] chunk = in.readNBytes((int) n);
      if (chunk.length < n) {
        throw new EOFException("The server closed the connection in the middle of its answer.");
      }
      body.write(chunk);
      if (!line().isEmpty()) {
        throw new IOException("A chunk of the server's answer does not end where its size says.");
      }
    }
  }

  /** One line without its CRLF (or LF), in ASCII. */
  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(received == 0 ? "The server closed the connection without answering."
            : "The server closed the connection in the middle of its answer.");
      }
      received++;
      if (b == '\n') {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\r') {
          s.setLength(end - 1);
        }
        return s.toString();
      }
      if (s.length() >= MAX_LINE) {
        throw new IOException("A line of the server's answer is longer than " + MAX_LINE + " bytes.");
      }
      s.append((char) b);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more to do with it.
    }
  }
}
