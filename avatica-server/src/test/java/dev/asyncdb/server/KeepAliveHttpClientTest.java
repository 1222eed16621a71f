package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.jdbc.remote.KeepAliveHttpClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote driver's HTTP client ({@link KeepAliveHttpClient}) against an HTTP peer on 127.0.0.1
 * that answers as told — kept-open connections, chunked answers, statuses, connections closed
 * while idle or in the middle of an answer — and against the real server.
 */
class KeepAliveHttpClientTest {
  @TempDir
  Path tmp;

  /** What the peer sends for one request, and whether it closes the connection then. */
  record Reply(byte[] bytes, boolean close) {
    static Reply of(String text) {
      return new Reply(text.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  /** How the peer answers one request (the request's body is at hand); null closes without answering. */
  interface Answer {
    Reply to(byte[] body) throws IOException;
  }

  private static final Answer NOTHING = request -> null;

  /** A plain HTTP/1.1 peer: each connection reads requests and answers them in turn, as {@link #answers} says. */
  final class Peer implements AutoCloseable {
    final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger accepted = new AtomicInteger();
    final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
    final List<Socket> sockets = new ArrayList<>();
    final List<Thread> servers = new ArrayList<>();

    Peer() throws IOException {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket s = listener.accept();
            accepted.incrementAndGet();
            synchronized (sockets) {
              sockets.add(s);
            }
            Thread t = new Thread(() -> serve(s), "peer-connection");
            t.setDaemon(true);
            synchronized (sockets) {
              servers.add(t);
            }
            t.start();
          }
        } catch (IOException e) {
          // Closed.
        }
      }, "peer-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URL url() throws IOException {
      return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/").toURL();
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (true) {
          String head = head(in);
          if (head == null) {
            return;
          }
          heads.add(head);
          int length = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: *(\\d+).*", "$1"));
          byte[] body = in.readNBytes(length);
          Answer answer = answers.poll(10, TimeUnit.SECONDS);
          Reply reply = answer == null ? null : answer.to(body);
          if (reply == null) {
            return;
          }
          out.write(reply.bytes());
          out.flush();
          if (reply.close()) {
            return;
          }
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        // The client went away.
      }
    }

    private String head(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Closes every connection the peer has accepted, as a server does with idle ones, and waits
     * until their threads are done, so none of them can take an answer meant for a later connection.
     */
    void dropConnections() throws IOException {
      List<Thread> done;
      synchronized (sockets) {
        for (Socket s : sockets) {
          s.close();
        }
        done = new ArrayList<>(servers);
      }
      for (Thread t : done) {
        try {
          t.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the peer's connections closed", e);
        }
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      dropConnections();
    }
  }

  private static Answer status(int code, String body, String... headers) {
    return request -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      return Reply.of("HTTP/1.1 " + code + " X\r\n" + String.join("", headers) + "Content-Length: " + b.length + "\r\n\r\n" + body);
    };
  }

  private static final Answer ECHO = request -> {
    String body = "echo:" + new String(request, StandardCharsets.UTF_8);
    return Reply.of("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
  };

  private static String send(KeepAliveHttpClient client, String body) {
    return new String(client.send(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  private Peer peer;

  @AfterEach
  void closePeer() throws IOException {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void requestsShareOneKeptOpenConnectionAndSendOnlyWhatIsNeeded() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
    client.setUsernamePassword(AuthenticationType.BASIC, "alice", "secret");
    for (int i = 0; i < 50; i++) {
      peer.answers.add(ECHO);
      assertThat(send(client, "r" + i)).isEqualTo("echo:r" + i);
    }
    assertThat(peer.accepted.get()).isEqualTo(1);
    String head = peer.heads.take();
    assertThat(head).startsWith("POST / HTTP/1.1\r\n")
        .contains("\r\nHost: 127.0.0.1:" + peer.listener.getLocalPort() + "\r\n")
        .contains("\r\nContent-Type: application/octet-stream\r\n")
        .contains("\r\nContent-Length: 2\r\n")
        // Credentials go with the first request: no 401 round trip.
        .contains("\r\nAuthorization: Basic YWxpY2U6c2VjcmV0\r\n");
    client.close();
  }

  @Test
  void readsChunkedAnswersAndErrorAnswersOfStatus500() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
    peer.answers.add(request -> Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n"));
    assertThat(send(client, "a")).isEqualTo("hello, world");
    // Avatica sends its errors with status 500: they are answers too.
    peer.answers.add(status(500, "avatica error"));
    assertThat(send(client, "b")).isEqualTo("avatica error");
    assertThat(peer.accepted.get()).isEqualTo(1);
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedOnce() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
    peer.answers.add(ECHO);
    assertThat(send(client, "first")).isEqualTo("echo:first");
    peer.dropConnections();
    peer.answers.add(ECHO);
    assertThat(send(client, "second")).isEqualTo("echo:second");
    assertThat(peer.accepted.get()).isEqualTo(2);
  }

  @Test
  void aKeptConnectionClosedBeforeAnyAnswerIsReplacedButAnAnswerCutHalfwayFails() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
    peer.answers.add(ECHO);
    send(client, "warm");
    // The kept connection reads the request and closes without a byte of answer: sent again on a new one.
    peer.answers.add(NOTHING);
    peer.answers.add(ECHO);
    assertThat(send(client, "again")).isEqualTo("echo:again");
    assertThat(peer.accepted.get()).isEqualTo(2);

    // An answer that stops in the middle is an error, and the request is not sent again.
    peer.answers.add(request -> new Reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort".getBytes(StandardCharsets.US_ASCII), true));
    assertThatThrownBy(() -> send(client, "cut")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("after 5 of 100 bytes");
    peer.answers.add(request -> new Reply("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII), true));
    assertThatThrownBy(() -> send(client, "cut")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("in the middle of its answer");
    assertThat(peer.accepted.get()).isEqualTo(3);

    // A new connection closed without an answer is not tried again either: the server is going away.
    peer.answers.add(NOTHING);
    assertThatThrownBy(() -> send(client, "gone")).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("closed the connection without answering");
    assertThat(peer.accepted.get()).isEqualTo(4);
  }

  @Test
  void anAnswerLaterThanTheResponseTimeoutFailsTheRequestAndTheNextOneGoesOnANewConnection() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url(), Duration.ofMillis(300));
    peer.answers.add(ECHO);
    assertThat(send(client, "quick")).isEqualTo("echo:quick");
    // The peer answers after 3 s; the client gives up after 0.3 s and closes the connection.
    peer.answers.add(request -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ECHO.to(request);
    });
    assertThatThrownBy(() -> send(client, "slow")).isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("No answer from the server at 127.0.0.1:" + peer.listener.getLocalPort() + " within 300 ms");
    // The late answer must not reach the next request: it goes on a new connection.
    peer.dropConnections();
    peer.answers.add(ECHO);
    assertThat(send(client, "after")).isEqualTo("echo:after");
    assertThat(peer.accepted.get()).isEqualTo(2);
    client.close();
  }

  @Test
  void aResponseTimeoutMustBePositive() throws Exception {
    URL url = URI.create("http://127.0.0.1:1/").toURL();
    assertThatThrownBy(() -> new KeepAliveHttpClient(url, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive, not PT0S");
  }

  @Test
  void otherStatusesFailAsAvaticasClientsDoAndConnectionCloseIsHonoured() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
    peer.answers.add(status(401, "who?", "WWW-Authenticate: Basic realm=\"x\"\r\n"));
    assertThatThrownBy(() -> send(client, "a")).hasMessage("Failed to execute HTTP Request, got HTTP/401");
    peer.answers.add(status(200, "bye", "Connection: close\r\n"));
    assertThat(send(client, "b")).isEqualTo("bye");
    peer.answers.add(ECHO);
    assertThat(send(client, "c")).isEqualTo("echo:c");
    assertThat(peer.accepted.get()).as("a new connection after Connection: close").isEqualTo(2);
    peer.answers.add(request -> Reply.of("SSH-2.0-OpenSSH\r\n\r\n"));
    assertThatThrownBy(() -> send(client, "d")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("Not an HTTP response");
  }

  @Test
  void malformedAnswersFailWithWhatIsWrong() throws Exception {
    String longLine = "X-Long: " + "x".repeat(9000) + "\r\n";
    String[][] cases = {
        {"HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", "Not an HTTP response"},
        {"HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n", "Unusable Content-Length \"many\""},
        {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Unusable Content-Length \"-1\""},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "Unusable chunk size \"zz\""},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "does not end where its size says"},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7ffffff8\r\n", "larger than a client can hold"},
        {"HTTP/1.1 200 OK\r\n" + longLine + "Content-Length: 0\r\n\r\n", "longer than 8192 bytes"},
    };
    for (String[] c : cases) {
      peer = new Peer();
      KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
      peer.answers.add(request -> new Reply(c[0].getBytes(StandardCharsets.US_ASCII), true));
      assertThatThrownBy(() -> send(client, "x")).as(c[1]).isInstanceOf(UncheckedIOException.class).hasMessageContaining(c[1]);
      peer.close();
    }
  }

  @Test
  void aBodyWithoutLengthRunsToTheEndOfTheConnection() throws Exception {
    peer = new Peer();
    KeepAliveHttpClient client = new KeepAliveHttpClient(peer.url());
    peer.answers.add(request -> new Reply("HTTP/1.0 200 OK\r\n\r\nall of it".getBytes(StandardCharsets.US_ASCII), true));
    assertThat(send(client, "x")).isEqualTo("all of it");
    peer.answers.add(ECHO);
    assertThat(send(client, "y")).isEqualTo("echo:y");
    assertThat(peer.accepted.get()).isEqualTo(2);
  }

  @Test
  void theRemoteServiceFactoryRefusesAMalformedAddress() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:avatica:remote:url='http://bad host:1';factory="
        + dev.asyncdb.jdbc.remote.RemoteServiceFactory.class.getName()))
        .hasStackTraceContaining("Malformed server address http://bad host:1");
  }

  @Test
  void refusesWhatItCannotDo() throws Exception {
    assertThatThrownBy(() -> new KeepAliveHttpClient(URI.create("ftp://127.0.0.1:21/").toURL()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not an http or https address");
    KeepAliveHttpClient client = new KeepAliveHttpClient(URI.create("http://127.0.0.1:1/").toURL());
    assertThatThrownBy(() -> client.setUsernamePassword(AuthenticationType.DIGEST, "a", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIGEST is not supported");
    Path notAStore = Files.writeString(tmp.resolve("store.p12"), "not a key store");
    assertThatThrownBy(() -> client.setTrustStore(notAStore.toFile(), "pw"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot use trust store " + notAStore);
  }

  @Test
  void theDriverUsesOneConnectionForAllRequestsOfAJdbcConnectionAndClosesItWithIt() throws Exception {
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(Projects.items(tmp, 20)).withPort(0));
        Relay relay = new Relay(server.port())) {
      try (Connection c = DriverManager.getConnection("jdbc:asyncdb:remote:http://127.0.0.1:" + relay.listener.getLocalPort());
          PreparedStatement ps = c.prepareStatement("select n from items where id = ?")) {
        for (int i = 0; i < 20; i++) {
          ps.setString(1, "i" + i);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(i);
          }
        }
        assertThat(relay.accepted.get()).isEqualTo(1);
      }
      // Closing the JDBC connection closes its HTTP connection.
      assertThat(relay.clientClosed.poll(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.openConnections()).isZero();
    }
  }

  /** Passes bytes between clients and the real server, counting the connections clients open. */
  static final class Relay implements AutoCloseable {
    final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger accepted = new AtomicInteger();
    final BlockingQueue<Boolean> clientClosed = new LinkedBlockingQueue<>();

    Relay(int serverPort) throws IOException {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket client = listener.accept();
            accepted.incrementAndGet();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            pipe(server, client, null);
            pipe(client, server, clientClosed);
          }
        } catch (IOException e) {
          // Closed.
        }
      }, "relay-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private static void pipe(Socket from, Socket to, BlockingQueue<Boolean> ended) {
      Thread t = new Thread(() -> {
        try (from; to) {
          from.getInputStream().transferTo(to.getOutputStream());
          if (ended != null) {
            ended.add(true);
          }
        } catch (IOException e) {
          // One side went away.
        }
      }, "relay-pipe");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
