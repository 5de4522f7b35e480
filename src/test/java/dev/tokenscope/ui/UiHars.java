package dev.tokenscope.ui;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The engine tests' HAR builder ({@code dev.tokenscope.engine.har.Hars}, package-private there) for the GUI tests:
 * the same Chromium-shaped captures, reached by reflection so the engine's test helper stays as it is.
 */
final class UiHars {
    private static final Class<?> HARS;

    static {
        try {
            HARS = Class.forName("dev.tokenscope.engine.har.Hars");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object hars;

    UiHars() {
        try {
            Constructor<?> c = HARS.getDeclaredConstructor();
            c.setAccessible(true);
            hars = c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine's Hars test helper changed", e);
        }
    }

    UiHars bearer(String time, String url, String token) {
        call("bearer", new Class<?>[]{String.class, String.class, String.class}, time, url, token);
        return this;
    }

    UiHars tokenResponse(String time, String url, String body) {
        call("tokenResponse", new Class<?>[]{String.class, String.class, String.class, boolean.class}, time, url, body, false);
        return this;
    }

    UiHars redirect(String time, String url, String location) {
        call("redirect", new Class<?>[]{String.class, String.class, String.class}, time, url, location);
        return this;
    }

    UiHars page(String time, String url, String mime, String body) {
        call("page", new Class<?>[]{String.class, String.class, String.class, String.class}, time, url, mime, body);
        return this;
    }

    String json() {
        return (String) call("json", new Class<?>[0]);
    }

    private Object call(String name, Class<?>[] types, Object... args) {
        try {
            Method m = HARS.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m.invoke(hars, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine's Hars test helper changed", e);
        }
    }
}
