package org.solidscope.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Sends bytes as they are to a local server and returns the answer's text: requests that a well-behaved client library would refuse to send. */
final class RawHttp {
    private RawHttp() {}

    /** The whole answer ("" when the server closed without one); the request is half-closed after sending. */
    static String send(int port, byte[] request, int timeoutMs) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(timeoutMs);
            try {
                s.getOutputStream().write(request);
                s.shutdownOutput();
            } catch (SocketException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            int n;
            try {
                while ((n = s.getInputStream().read(b)) > 0) {
                    got.write(b, 0, n);
                    if (complete(got.toString(StandardCharsets.ISO_8859_1))) break;
                }
            } catch (SocketException reset) {
                // closed after answering
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether the text holds a whole answer: its head and as many body bytes as its Content-Length says. */
    static boolean complete(String r) {
        int end = r.indexOf("\r\n\r\n");
        if (end < 0) return false;
        String head = r.substring(0, end).toLowerCase();
        int cl = head.indexOf("content-length:");
        if (cl < 0) return false;
        int eol = head.indexOf('\r', cl);
        int len = Integer.parseInt(head.substring(cl + 15, eol < 0 ? head.length() : eol).strip());
        return r.length() - end - 4 >= len;
    }
}
