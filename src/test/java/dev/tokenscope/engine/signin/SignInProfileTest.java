package dev.tokenscope.engine.signin;

import dev.tokenscope.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignInProfileTest {
    @Test
    void roundTripWithoutSecrets() throws Exception {
        SignInRequest r = SignInRequest.builder(Authority.parse("contoso.onmicrosoft.com"), "client-1").scope("api://x/access_as_user")
                .prompt("select_account").loginHint("alice@contoso.com").extra("claims", "{}").port(8400).spaOrigin("https://spa.example.com")
                .clientSecret(Secret.of("super-secret-value")).build();
        SignInProfile p = SignInProfile.of("Contoso API", Grant.AUTHORIZATION_CODE, "contoso.onmicrosoft.com", "public", r, null);
        String json = Json.compact(p);
        assertFalse(json.contains("super-secret-value"), json);
        assertFalse(json.toLowerCase().contains("secret"), json);
        SignInProfile back = Json.MAPPER.readValue(json, SignInProfile.class);
        assertEquals(p, back);
        SignInRequest again = back.toRequest().build();
        assertEquals(r.authority(), again.authority());
        assertEquals(List.of("api://x/access_as_user"), again.scopes());
        assertEquals(8400, again.port());
        assertEquals("https://spa.example.com", again.spaOrigin());
        assertEquals("{}", again.extraParameters().get("claims"));
        assertEquals(null, again.clientSecret());
        assertThrows(IllegalArgumentException.class,
                () -> new SignInProfile("x", "password", "common", null, "c", null, null, null, null, null,
                null, null, null, null, null));
    }
}
