package dev.tokenscope.engine.har;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one HAR entry holds, in whatever order its members come: filled by {@link HarEntryReader}, read by {@link HarCollector}. */
final class HarEntry {
    String time, method, url;
    int status;
    final List<HarHit> hits = new ArrayList<>();
    // response body decision inputs
    long bodySize = -1;
    String bodyMime, bodyEncoding, bodyText;
    boolean bodyUnread;
    // story inputs: parameters of the request (URL and form body) and of the redirect, WWW-Authenticate, an error body
    final Map<String, String> requestParams = new LinkedHashMap<>();
    final Map<String, String> redirectParams = new LinkedHashMap<>();
    final List<String> wwwAuthenticate = new ArrayList<>(0);
    String errorBody;
}
