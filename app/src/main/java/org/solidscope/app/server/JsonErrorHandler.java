package org.solidscope.app.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
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

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
    }
}
