package org.solidscope.app.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.solidscope.core.Json;

/**
 * The answers Jetty gives before a request reaches the application (a malformed request line 400,
 * a URI too long 414, headers too large 431, a body that never arrives 408) in the same JSON shape
 * as every other error of the API, {@code {"error", "detail"}}, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    static String body(int status, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", org.eclipse.jetty.http.HttpStatus.getMessage(status).toLowerCase(java.util.Locale.ROOT));
        m.put("detail", detail == null || detail.isBlank() ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : detail);
        return Json.writeCompact(m);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    /** Every method gets its JSON answer (Jetty writes bodies only for GET, POST and HEAD by default). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message).getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * The same answers for errors raised inside the servlet context (a response ended with {@code sendError}, such as a
     * request method no route knows): Jetty's servlet layer has an error handler of its own.
     */
    static final class InContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                List<Charset> charsets, int code, String message, Throwable cause) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(code, message).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
